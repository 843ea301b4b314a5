using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Helsefellesskap.Functions.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>
/// The secretariat signs in through the real OpenID Connect flow (authorization code with PKCE, the
/// answer posted back) against a real provider on loopback, in an app running as in Azure (Production):
/// a user with the secretariat role reaches the workspace, a user without it is refused.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class SignInTests(AppFixture app) : IAsyncLifetime
{
    private static readonly IdentityProvider.User Secretary = new("siri", "Siri Sekretær", "siri@example.org", ["Sekretariat"]);
    private static readonly IdentityProvider.User Member = new("ola", "Ola Medlem", "ola@example.org", ["Medlem"]);

    private IdentityProvider provider = null!;
    private WebApplication signInApp = null!;
    private string baseUrl = "";

    public async Task InitializeAsync()
    {
        baseUrl = $"http://127.0.0.1:{Azurite.FreePort()}";
        provider = await IdentityProvider.Start(baseUrl, Secretary, Member);
        signInApp = await app.StartAnother(s =>
        {
            s["urls"] = baseUrl;
            s["Links:PublicBaseUrl"] = baseUrl;
            s["SignIn:Authority"] = provider.Authority;
            s["SignIn:ClientId"] = IdentityProvider.ClientId;
            s["SignIn:ClientSecret"] = IdentityProvider.ClientSecret;
        }, environment: "Production");
    }

    public async Task DisposeAsync()
    {
        await signInApp.StopAsync();
        await signInApp.DisposeAsync();
        await provider.DisposeAsync();
    }

    /// <summary>Opens the workspace, is sent to the provider, signs in there with this login, and returns the page the app answers with.</summary>
    private async Task<(IPage Page, IResponse? Response)> SignIn(IBrowserContext context, string login)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/api/sekretariat");
        Assert.StartsWith(provider.Authority, page.Url);
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync("hva-som-helst");
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("button[type=submit]").ClickAsync(),
            r => r.Url.TrimEnd('/') == baseUrl + "/api/sekretariat" && r.Request.IsNavigationRequest);
        return (page, response);
    }

    [Fact]
    public async Task TheSecretariat_SignsInWithOpenIdConnect_AndReachesTheWorkspace()
    {
        await using var context = await (await app.Browser()).NewContextAsync();
        var (page, response) = await SignIn(context, Secretary.Login);

        Assert.Equal(200, response!.Status);
        Assert.Equal("Oversikt", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Innlogget: Siri Sekretær", await page.Locator("nav").InnerTextAsync());

        // The session is a cookie for the workspace only, unreadable by scripts.
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "hf-sekretariat");
        Assert.Equal("/api/sekretariat", cookie.Path);
        Assert.True(cookie.HttpOnly);

        // The sign-in is in the audit trail, with the provider's subject.
        var entries = await signInApp.Services.GetRequiredService<AuditTrail>().Latest(50);
        Assert.Contains(entries, e => e is { Action: "Logget inn", UserName: "Siri Sekretær", UserId: "siri", Detail: "OpenID Connect" });
    }

    [Fact]
    public async Task AUserWithoutTheRole_IsRefused_AfterSigningIn()
    {
        await using var context = await (await app.Browser()).NewContextAsync();
        var (page, response) = await SignIn(context, Member.Login);

        Assert.Equal(403, response!.Status);
        Assert.Contains("Du har ikke tilgang", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Ola Medlem", await page.Locator("main").InnerTextAsync());
        Assert.Equal(0, await page.Locator("nav.workspace").CountAsync());
        await new WorkspaceBrowser(app.BaseUrl, context, page).AssertAccessible("Ingen tilgang");
    }

    [Fact]
    public async Task TheLocalSignIn_DoesNotExistOutsideDevelopment()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

        // With a provider configured, the sign-in page sends the user to it.
        using var challenge = await http.GetAsync(WorkspaceAuth.SignInPath);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith(provider.Authority, challenge.Headers.Location!.ToString());

        // Picking a user as in Development is refused (no antiforgery cookie either: 400 before anything else).
        using var local = await http.PostAsync(WorkspaceAuth.SignInPath, new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "Siri Sekretær" }));
        Assert.True(local.StatusCode is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.NotFound, local.StatusCode.ToString());
        Assert.Null(local.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.FirstOrDefault(c => c.StartsWith("hf-sekretariat=", StringComparison.Ordinal)) : null);
    }
}
