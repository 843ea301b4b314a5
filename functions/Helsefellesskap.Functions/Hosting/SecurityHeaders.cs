namespace Helsefellesskap.Functions.Hosting;

/// <summary>
/// Security headers on every answer: no type sniffing and no referrer (personal links carry their token in the address),
/// and on every page a content security policy that lets in only the app's own stylesheet and script (no page has inline
/// script or style). Who may frame a page: the workspace nobody; the embeddable snippet the partners' websites
/// (<c>Public:EmbedOrigins</c>, space-separated origins; any site when not set, as partners embed it today); every other
/// page only the app itself.
/// </summary>
public static class SecurityHeaders
{
    public const string Snippet = "/siste.html";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var embedders = app.ApplicationServices.GetRequiredService<IConfiguration>()["Public:EmbedOrigins"];
        static string Policy(string ancestors) =>
            $"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors {ancestors}";
        var (workspacePolicy, snippetPolicy, pagePolicy) = (Policy("'none'"), Policy(string.IsNullOrWhiteSpace(embedders) ? "*" : $"'self' {embedders.Trim()}"), Policy("'self'"));
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
                {
                    var path = context.Request.Path.Value ?? "";
                    var workspace = path.StartsWith(Workspace.WorkspaceAuth.Root, StringComparison.OrdinalIgnoreCase);
                    headers.ContentSecurityPolicy = workspace ? workspacePolicy : path.EndsWith(Snippet, StringComparison.OrdinalIgnoreCase) ? snippetPolicy : pagePolicy;
                    if (workspace)
                    {
                        headers.XFrameOptions = "DENY";
                    }
                }

                return Task.CompletedTask;
            });
            await next();
        });
    }
}
