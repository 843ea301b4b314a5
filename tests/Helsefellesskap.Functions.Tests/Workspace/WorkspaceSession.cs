using System.Security.Claims;
using Helsefellesskap.Functions.Workspace;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>A workspace session cookie as the app itself would have made it at sign-in, for HTTP clients outside a browser.</summary>
public static class WorkspaceSession
{
    public static string Cookie(IServiceProvider services, ClaimsPrincipal principal)
    {
        var options = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(WorkspaceAuth.CookieScheme);
        return $"hf-sekretariat={options.TicketDataFormat.Protect(new AuthenticationTicket(principal, WorkspaceAuth.CookieScheme))}";
    }

    /// <summary>A user signed in through Development's page (with the secretariat role).</summary>
    public static string Secretariat(IServiceProvider services, string name = "Siri Sekretær") =>
        Cookie(services, WorkspaceAuth.DevelopmentUser(name, services.GetRequiredService<IOptions<SignInOptions>>().Value));
}
