using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>
/// How the secretariat signs in to the workspace: Microsoft Entra ID (any OpenID Connect provider) with
/// the secretariat's app role or group in the ID token. Without an authority, only Development offers a
/// local sign-in page.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>The provider's issuer, e.g. https://login.microsoftonline.com/{tenant}/v2.0; empty: no OpenID Connect.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The claim that carries the role: "roles" for Entra ID app roles, "groups" for group object ids.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The value of <see cref="RoleClaim"/> that makes a user the secretariat.</summary>
    public string Role { get; set; } = "Sekretariat";

    /// <summary>The names offered by the local sign-in page in Development, separated by commas.</summary>
    public string DevelopmentUsers { get; set; } = "Siri Sekretær,Petter Saksbehandler";

    public bool UsesOpenIdConnect => !string.IsNullOrWhiteSpace(Authority);

    public IReadOnlyList<string> DevelopmentUserNames =>
        DevelopmentUsers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IEnumerable<string> Problems(SignInOptions o)
    {
        if (!o.UsesOpenIdConnect)
        {
            yield break;
        }

        if (!Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority)
            || !(authority.Scheme == "https" || (authority.Scheme == "http" && authority.IsLoopback)))
        {
            yield return $"Setting {Settings.Name(Section, nameof(Authority))} must be an https URL (http only on loopback), got '{o.Authority}'.";
        }

        foreach (var p in Settings.Required(Section, nameof(ClientId), o.ClientId).Concat(Settings.Required(Section, nameof(RoleClaim), o.RoleClaim)).Concat(Settings.Required(Section, nameof(Role), o.Role)))
        {
            yield return p;
        }
    }
}
