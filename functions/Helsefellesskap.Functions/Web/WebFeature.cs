namespace Helsefellesskap.Functions.Web;

/// <summary>Server-rendered Razor pages and the one stylesheet.</summary>
public static class WebFeature
{
    public static IServiceCollection AddWeb(this IServiceCollection services)
    {
        services.AddRazorComponents();

        // Razor encodes every value; with all ranges allowed, æøå stay letters while markup is still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return services;
    }

    public static IEndpointRouteBuilder MapWeb(this IEndpointRouteBuilder app)
    {
        app.MapStylesheet();
        return app;
    }
}
