using System.Net;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>
/// Every route the app maps is either on the list of public routes below, or answers 401 without the
/// secretariat's key, or (the workspace's screens) sends a stranger to sign in. A new route that forgets
/// its access rule fails here.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class OpenRouteTests(AppFixture app)
{
    /// <summary>Reached without the key: the public, the submitter's and the member's signed links, and Development's tools.</summary>
    private static readonly HashSet<string> Public =
    [
        "GET /api/health", "GET /api/ressurser/site.css", "GET /api/openapi/{documentName}.json",
        "GET /api/sak/ny", "POST /api/sak/ny", "GET /api/sak/status/{id}", "POST /api/cases",
        "GET /api/forfall/{meetingId}/{memberId}", "POST /api/forfall/{meetingId}/{memberId}",
        "GET /api/inhabil/{meetingId}/{memberId}", "POST /api/inhabil/{meetingId}/{memberId}",
        "GET /api/referat/{meetingId}/{memberId}", "POST /api/referat/{meetingId}/{memberId}", "GET /api/referat-fullt/{meetingId}/{memberId}",
        "GET /api/sakspapirer/{meetingId}/{memberId}",
        "GET /api/offentlig/{body}", "GET /api/offentlig/{body}/referater.json", "GET /api/offentlig/{body}/referater.atom", "GET /api/offentlig/{body}/siste.html",
        "GET /api/bodies/{body}/meetings.ics",
        "POST /api/internal/render", "POST /api/internal/pdfa", // the renderer key, checked by the handler
        "GET /api/dev/outbox", "GET /api/dev/outbox/{name}", "POST /api/dev/clock",
        "GET /api/sekretariat/logg-inn", "POST /api/sekretariat/logg-inn",
    ];

    [Fact]
    public async Task EveryRoute_NotOnThePublicList_RefusesAStranger()
    {
        var checkedRoutes = 0;
        using var stranger = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        foreach (var endpoint in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var route = "/" + endpoint.RoutePattern.RawText!.Trim('/');
                if (Public.Contains($"{method} {route}"))
                {
                    continue;
                }

                var url = System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "ingen");
                // The workspace's actions take forms (a JSON body would be turned away by its content type before anything else).
                HttpContent? content = method is "GET" or "DELETE" ? null
                    : route.StartsWith("/api/sekretariat", StringComparison.Ordinal) ? new FormUrlEncodedContent([new("action", "accept")])
                    : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
                using var response = await stranger.SendAsync(request);
                var refused = route.StartsWith("/api/sekretariat", StringComparison.Ordinal)
                    ? response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/api/sekretariat/logg-inn", StringComparison.Ordinal)
                    : response.StatusCode == HttpStatusCode.Unauthorized;
                Assert.True(refused, $"{method} {route} answered {(int)response.StatusCode} without the key or a session; add the secretariat requirement, or the route to the public list.");
                checkedRoutes++;
            }
        }

        Assert.True(checkedRoutes >= 16, $"Only {checkedRoutes} secretariat routes found.");
    }

    /// <summary>
    /// Every GET route, reached as its user reaches it (the workspace signed in, the API with the key, the rest as anyone):
    /// no answer may be sniffed or leak its address as a referrer, and every page has a content security policy with no
    /// inline script; the workspace is framed by nobody, the snippet by the partners' sites, any other page by the app.
    /// </summary>
    [Fact]
    public async Task EveryAnswer_HasTheSecurityHeaders_AndEveryPageItsPolicy()
    {
        var session = Workspace.WorkspaceSession.Secretariat(app.App.Services);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var pages = new List<string>();
        foreach (var endpoint in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") != true)
            {
                continue;
            }

            var route = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var url = System.Text.RegularExpressions.Regex.Replace(route.Replace("{body}", "ssu", StringComparison.Ordinal), @"\{[^}]+\}", m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : "ingen");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (route.StartsWith("/api/sekretariat", StringComparison.Ordinal))
            {
                request.Headers.Add("Cookie", session);
            }
            else
            {
                request.Headers.Add(Functions.Common.SecretariatAccess.Header, AppFixture.SecretariatKey);
            }

            using var response = await http.SendAsync(request);
            Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"GET {url}: no nosniff");
            Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "no-referrer", $"GET {url}: no Referrer-Policy");
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var policy = string.Join(" ", response.Headers.TryGetValues("Content-Security-Policy", out var p) ? p : []);
            Assert.Contains("script-src 'self';", policy);
            Assert.DoesNotContain("unsafe-inline", policy);
            var ancestors = route.StartsWith("/api/sekretariat", StringComparison.Ordinal) ? "'none'" : route.EndsWith("/siste.html", StringComparison.Ordinal) ? "*" : "'self'";
            Assert.True(policy.EndsWith($"frame-ancestors {ancestors}", StringComparison.Ordinal), $"GET {url}: {policy}");
            pages.Add(url);
        }

        // The pages a person meets are among those checked: the form, the public page, the snippet, the workspace.
        Assert.Contains("/api/sak/ny", pages);
        Assert.Contains("/api/offentlig/ssu", pages);
        Assert.Contains("/api/offentlig/ssu/siste.html", pages);
        Assert.Contains("/api/sekretariat", pages);
    }
}
