using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Signing in and out of the workspace.</summary>
public static class SignInEndpoints
{
    public static void MapSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet(WorkspaceAuth.SignInPath, Show);
        app.MapPost(WorkspaceAuth.SignInPath, SignInLocally);
        app.MapPost(WorkspaceAuth.SignOutPath, SignOut).RequireAuthorization().RequireFormToken();
    }

    /// <summary>Only a path inside the workspace may be returned to (no open redirect).</summary>
    public static string SafeReturn(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith(WorkspaceAuth.Root, StringComparison.Ordinal) && !returnUrl.Contains("//", StringComparison.Ordinal) && !returnUrl.Contains('\\')
            ? returnUrl
            : WorkspaceAuth.Root;

    private static IResult Show(string? returnUrl, IOptions<SignInOptions> options, IHostEnvironment environment)
    {
        var target = SafeReturn(returnUrl);
        if (options.Value.UsesOpenIdConnect)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [WorkspaceAuth.OidcScheme]);
        }

        return environment.IsDevelopment()
            ? Pages.Render<SignInPage>(new { Users = options.Value.DevelopmentUserNames, ReturnUrl = target })
            : Pages.Message("Innlogging er ikke satt opp", "Innlogging er ikke satt opp",
                "Sekretariatets innlogging mangler innstillingene SignIn__Authority og SignIn__ClientId (Microsoft Entra ID). Kontakt den som drifter løsningen.",
                StatusCodes.Status503ServiceUnavailable, error: true);
    }

    private static async Task<IResult> SignInLocally(HttpContext http, [FromForm] string? user, [FromForm] string? returnUrl, IOptions<SignInOptions> options, IHostEnvironment environment, AuditTrail audit)
    {
        var settings = options.Value;
        if (!environment.IsDevelopment() || settings.UsesOpenIdConnect)
        {
            return Pages.Message("Fant ikke siden", "Fant ikke siden", "Den lokale innloggingen finnes bare under utvikling.", StatusCodes.Status404NotFound, error: true);
        }

        if (user is null || !settings.DevelopmentUserNames.Contains(user))
        {
            return Pages.Render<SignInPage>(new { Users = settings.DevelopmentUserNames, ReturnUrl = SafeReturn(returnUrl) }, StatusCodes.Status400BadRequest);
        }

        var principal = WorkspaceAuth.DevelopmentUser(user, settings);
        await http.SignInAsync(WorkspaceAuth.CookieScheme, principal);
        await audit.Record(principal, "Logget inn", "", "lokal innlogging (utvikling)");
        return Results.Redirect(SafeReturn(returnUrl));
    }

    private static async Task<IResult> SignOut(HttpContext http, AuditTrail audit)
    {
        await audit.Record(http.User, "Logget ut", "");
        await http.SignOutAsync(WorkspaceAuth.CookieScheme);
        return Pages.Message("Du er logget ut", "Du er logget ut", "Du er logget ut av sekretariatets arbeidsflate.", linkUrl: WorkspaceAuth.SignInPath, linkText: "Logg inn igjen");
    }
}
