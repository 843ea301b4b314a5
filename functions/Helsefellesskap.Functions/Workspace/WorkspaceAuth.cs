using System.Security.Claims;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>
/// Sign-in for the workspace: a cookie session (keys in blob storage, shared by every instance) made by
/// OpenID Connect (Entra ID) or, in Development without a provider, by the local sign-in page. Only a
/// user with the secretariat role passes <see cref="Policy"/>.
/// </summary>
public static class WorkspaceAuth
{
    public const string Root = "/api/sekretariat";
    public const string SignInPath = Root + "/logg-inn";
    public const string SignOutPath = Root + "/logg-ut";
    public const string CookieScheme = "Sekretariat";
    public const string OidcScheme = "EntraId";
    public const string Policy = "Sekretariat";

    public static IServiceCollection AddWorkspaceAuth(this IServiceCollection services)
    {
        Settings.Add<SignInOptions>(services, SignInOptions.Section, SignInOptions.Problems);
        services.AddSingleton<AuditTrail>();
        services.AddDataProtection().SetApplicationName("Helsefellesskap");
        services.AddOptions<KeyManagementOptions>().Configure<Storage.StorageClients>((o, storage) => o.XmlRepository = new BlobKeyRepository(storage));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieScheme;
                o.DefaultChallengeScheme = CookieScheme;
            })
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "hf-sekretariat";
                o.Cookie.Path = Root;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = SignInPath;
                o.ReturnUrlParameter = "returnUrl";
                o.Events.OnRedirectToAccessDenied = context => Refuse(context.HttpContext);
            })
            .AddOpenIdConnect(OidcScheme, _ => { });
        services.AddOptions<OpenIdConnectOptions>(OidcScheme).Configure<IOptions<SignInOptions>, IOptions<Common.LinkOptions>>(ConfigureOpenIdConnect);

        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddAuthorization(o => o.AddPolicy(Policy, p => p.RequireAuthenticatedUser().RequireAssertion(IsSecretariat)));
        return services;
    }

    /// <summary>
    /// Behind the Functions host the app is reached over plain http on loopback while people use the
    /// public address: when that is https, requests are taken as https, so the session and form cookies
    /// (SameAsRequest) are marked Secure and the antiforgery checks agree.
    /// </summary>
    public static IApplicationBuilder UsePublicScheme(this IApplicationBuilder app)
    {
        var links = app.ApplicationServices.GetRequiredService<IOptions<Common.LinkOptions>>().Value;
        return links.PublicBaseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? app.Use((context, next) =>
            {
                context.Request.Scheme = "https";
                return next(context);
            })
            : app;
    }

    /// <summary>Whether the user has the role, read from the settings when asked (they may come after the services).</summary>
    private static bool IsSecretariat(AuthorizationHandlerContext context)
    {
        var http = context.Resource as HttpContext;
        var options = http?.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value;
        return options is not null && context.User.HasClaim(c => c.Type == options.RoleClaim && c.Value == options.Role);
    }

    private static void ConfigureOpenIdConnect(OpenIdConnectOptions o, IOptions<SignInOptions> signIn, IOptions<Common.LinkOptions> links)
    {
        var settings = signIn.Value;

        // Without a provider the handler still runs on its callback path, so it gets values it will never use.
        o.Authority = settings.UsesOpenIdConnect ? settings.Authority : "https://login.invalid/";
        o.ClientId = settings.UsesOpenIdConnect ? settings.ClientId : "ikke-satt";
        o.ClientSecret = settings.ClientSecret;
        o.RequireHttpsMetadata = !Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority) || !authority.IsLoopback;
        o.SignInScheme = CookieScheme;
        o.CallbackPath = Root + "/signin-oidc";
        o.SignedOutCallbackPath = Root + "/signout-oidc";
        o.ResponseType = OpenIdConnectResponseType.Code;
        o.UsePkce = true;
        o.Scope.Clear();
        foreach (var scope in new[] { "openid", "profile", "email" })
        {
            o.Scope.Add(scope);
        }

        o.MapInboundClaims = false;
        o.GetClaimsFromUserInfoEndpoint = false;
        o.SaveTokens = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.RoleClaimType = settings.RoleClaim;

        // Behind the Functions host the app sees its own loopback address: the provider must send the user
        // back to the public address.
        var publicBase = links.Value.PublicBaseUrl.TrimEnd('/');
        o.Events.OnRedirectToIdentityProvider = context =>
        {
            context.ProtocolMessage.RedirectUri = publicBase + o.CallbackPath;
            return Task.CompletedTask;
        };
        o.Events.OnTicketReceived = async context =>
        {
            if (context.Principal is not null)
            {
                await context.HttpContext.RequestServices.GetRequiredService<AuditTrail>().Record(context.Principal, "Logget inn", "", "OpenID Connect");
            }
        };
        o.Events.OnRemoteFailure = async context =>
        {
            context.HandleResponse();
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await Pages.Message("Innloggingen mislyktes", "Innloggingen mislyktes", "Innloggingen ble avbrutt eller kunne ikke fullføres. Prøv igjen.",
                StatusCodes.Status400BadRequest, error: true, linkUrl: SignInPath, linkText: "Logg inn på nytt").ExecuteAsync(context.HttpContext);
        };
    }

    /// <summary>
    /// A post must carry the form's antiforgery token, whether or not the action reads the form: the
    /// endpoint asks for the check (<see cref="UseFormTokenCheck"/> refuses the post when it fails).
    /// </summary>
    public static TBuilder RequireFormToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute());

    /// <summary>
    /// After the antiforgery middleware: a post to an endpoint that requires the token, whose token is missing
    /// or not this session's, gets a 400 page that says what to do, before anything binds or runs (the same
    /// answer however the endpoint's delegate was made, generated at build time or at the first request).
    /// </summary>
    public static IApplicationBuilder UseFormTokenCheck(this IApplicationBuilder app) => app.Use((http, next) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true }
            && http.Features.Get<IAntiforgeryValidationFeature>() is not { IsValid: true }
            ? Pages.Message("Skjemaet er utløpt", "Skjemaet kunne ikke sendes", "Skjemaet var for gammelt eller kom ikke fra arbeidsflaten. Last siden på nytt og prøv igjen.",
                StatusCodes.Status400BadRequest, error: true, linkUrl: Root, linkText: "Til oversikten").ExecuteAsync(http)
            : next(http));

    /// <summary>A signed-in user without the secretariat role: 403 and a page that says why.</summary>
    private static Task Refuse(HttpContext http)
    {
        var name = WorkspaceUser.Name(http.User);
        return Pages.Message("Ingen tilgang", "Du har ikke tilgang til sekretariatets arbeidsflate",
            $"Du er logget inn som {name}, men mangler rollen for sekretariatet. Be en administrator om tilgang.",
            StatusCodes.Status403Forbidden, error: true).ExecuteAsync(http);
    }

    /// <summary>The local sign-in of Development: a cookie for the chosen name, with the secretariat role.</summary>
    public static ClaimsPrincipal DevelopmentUser(string name, SignInOptions options)
    {
        var identity = new ClaimsIdentity(
            [new Claim("sub", "lokal-" + name.ToLowerInvariant().Replace(' ', '-')), new Claim("name", name), new Claim(options.RoleClaim, options.Role)],
            "Lokal", "name", options.RoleClaim);
        return new ClaimsPrincipal(identity);
    }
}
