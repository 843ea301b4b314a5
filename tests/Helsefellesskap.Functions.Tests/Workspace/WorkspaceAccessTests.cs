using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Helsefellesskap.Functions.Workspace;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>
/// Every screen and action of the workspace is for the secretariat role only, every form needs its
/// antiforgery token, and a session made by one instance of the app is honoured by another (the
/// data-protection keys are in blob storage).
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed partial class WorkspaceAccessTests(AppFixture app)
{
    /// <summary>Every workspace route that needs the role, as (method, path) with its parameters filled in.</summary>
    private List<(string Method, string Path)> ProtectedRoutes()
    {
        var routes = new List<(string, string)>();
        foreach (var endpoint in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var policy = endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any(a => a.Policy == WorkspaceAuth.Policy);
            if (!pattern.StartsWith(WorkspaceAuth.Root, StringComparison.Ordinal) || !policy)
            {
                continue;
            }

            var path = Parameter().Replace(pattern, m => m.Value.Contains(":int") ? "1" : "ukjent-id");
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                routes.Add((method, path));
            }
        }

        return routes;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    /// <summary>A session cookie for a user the app itself would have signed in, with or without the role.</summary>
    private string Cookie(bool withRole)
    {
        var signIn = app.Service<IOptions<SignInOptions>>().Value;
        var claims = new List<Claim> { new("sub", "ola"), new("name", "Ola Medlem") };
        if (withRole)
        {
            claims.Add(new Claim(signIn.RoleClaim, signIn.Role));
        }

        return WorkspaceSession.Cookie(app.App.Services, new ClaimsPrincipal(new ClaimsIdentity(claims, "test", "name", signIn.RoleClaim)));
    }

    private async Task<HttpResponseMessage> Send(string method, string path, string? cookie, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(form ?? [new("action", "accept")]);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task AUserWithoutTheRole_IsRefusedEveryScreenAndAction()
    {
        var routes = ProtectedRoutes();
        Assert.True(routes.Count >= 15, $"only {routes.Count} workspace routes found");
        var cookie = Cookie(withRole: false);
        foreach (var (method, path) in routes)
        {
            using var response = await Send(method, path, cookie);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode}");
            Assert.Contains("Du har ikke tilgang", await response.Content.ReadAsStringAsync());
        }

        // Nobody signed in is sent to sign in, whatever they ask for.
        foreach (var (method, path) in routes)
        {
            using var response = await Send(method, path, null);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains(WorkspaceAuth.SignInPath), $"{method} {path}: {(int)response.StatusCode}");
        }

        // The control: the same cookie with the role is let in.
        using var allowed = await Send("GET", WorkspaceAuth.Root, Cookie(withRole: true));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task EveryForm_RejectsAMissingOrForeignAntiforgeryToken()
    {
        var cookie = Cookie(withRole: true);
        foreach (var (method, path) in ProtectedRoutes().Where(r => r.Method == "POST").Append(("POST", WorkspaceAuth.SignOutPath)))
        {
            using var response = await Send(method, path, cookie);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode}");
        }

        // On a real case: no token, a made-up one, and another session's leave it untouched; its own token works.
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 11));
        var caseId = await t.SubmitCase(app, "Sak som godtas med riktig skjema");
        var (ownCookies, ownToken) = await FormToken(cookie, WorkspacePaths.Case(caseId));
        var (_, foreignToken) = await FormToken(cookie, WorkspacePaths.Case(caseId), otherUser: true);
        foreach (var token in new[] { "", "CfDJ8-laget-token", foreignToken })
        {
            using var refused = await Send("POST", WorkspacePaths.Case(caseId), ownCookies, [new("action", "accept"), new("__RequestVerificationToken", token)]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(CaseStatus.Received, (await app.Service<CaseStore>().Find(caseId))!.Status);
        }

        using var accepted = await Send("POST", WorkspacePaths.Case(caseId), ownCookies, [new("action", "accept"), new("__RequestVerificationToken", ownToken)]);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal(CaseStatus.Accepted, (await app.Service<CaseStore>().Find(caseId))!.Status);
    }

    /// <summary>The token in a screen's form and the cookies that go with it (the session and the antiforgery cookie).</summary>
    private async Task<(string Cookies, string Token)> FormToken(string sessionCookie, string path, bool otherUser = false)
    {
        var session = otherUser ? WorkspaceSession.Secretariat(app.App.Services, "Petter Saksbehandler") : sessionCookie;
        using var page = await Send("GET", path, session);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        return (string.Join("; ", antiforgery.Prepend(session)), token);
    }

    [Fact]
    public async Task ASession_IsHonouredByAnotherInstance_SharingTheKeysInBlobStorage()
    {
        var cookie = Cookie(withRole: true);
        var other = await app.StartAnother();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
            var request = new HttpRequestMessage(HttpMethod.Get, other.Urls.First() + WorkspaceAuth.Root);
            request.Headers.Add("Cookie", cookie);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Innlogget: Ola Medlem", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }

        var keys = (await app.Storage.Container(BlobKeyRepository.Container)).GetBlobsAsync();
        var count = 0;
        await foreach (var _ in keys)
        {
            count++;
        }

        Assert.True(count >= 1, "no data-protection key in blob storage");
    }

    [Fact]
    public async Task BehindHttps_TheSessionAndFormCookies_AreSecure()
    {
        var other = await app.StartAnother(s => s["Links:PublicBaseUrl"] = "https://sekretariat.example.org");
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(other.Urls.First()) };
            using var page = await http.GetAsync(WorkspaceAuth.SignInPath);
            var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
            var token = Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            using var request = new HttpRequestMessage(HttpMethod.Post, WorkspaceAuth.SignInPath)
            {
                Content = new FormUrlEncodedContent([new("user", "Siri Sekretær"), new("returnUrl", WorkspaceAuth.Root), new("__RequestVerificationToken", token)]),
            };
            request.Headers.Add("Cookie", antiforgery.Split(';')[0]);
            using var signedIn = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.True(signedIn.Headers.Contains("Set-Cookie"), signedIn.Headers.ToString());
            var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hf-sekretariat=", StringComparison.Ordinal));
            Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("path=/api/sekretariat", session, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }
    }
}
