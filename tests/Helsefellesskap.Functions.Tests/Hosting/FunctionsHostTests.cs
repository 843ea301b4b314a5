using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>
/// The app as Azure runs it: the real Functions host starting the isolated worker from the build output, against
/// Azurite. Each kind of route answers through its function as on Kestrel; the workspace signs in with antiforgery;
/// a killed worker takes Chromium with it and the host starts a new one; stopping the host leaves nothing running.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class FunctionsHostTests(AppFixture app) : IAsyncLifetime
{
    private FunctionsHost host = null!;

    public async Task InitializeAsync() => host = await FunctionsHost.Start(FunctionsHost.AppOutput, AppFixture.SettingsOfAnother(app.Azurite.ConnectionString, ""), app.Azurite.ConnectionString);

    public async Task DisposeAsync() => await host.DisposeAsync();

    private HttpRequestMessage WithKey(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("x-functions-key", AppFixture.SecretariatKey);
        return request;
    }

    [Fact]
    public async Task EachKindOfRoute_AnswersThroughItsFunction()
    {
        var http = host.Http;
        using (var health = JsonDocument.Parse(await http.GetStringAsync("/api/health")))
        {
            Assert.True(health.RootElement.GetProperty("storage").GetProperty("tables").GetBoolean());
        }

        var form = await http.GetAsync("/api/sak/ny");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("<form method=\"post\" action=\"/api/sak/ny\"", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A case in by the API, read back with the key, refused without it, printed by Chromium in the worker.
        using var submitted = await http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        using (var read = await http.SendAsync(WithKey(HttpMethod.Get, $"/api/cases/{id}")))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        using (var refused = await http.GetAsync($"/api/cases/{id}"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("x-functions-key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var paper = await http.SendAsync(WithKey(HttpMethod.Get, $"/api/cases/{id}/document")))
        {
            Assert.Equal("application/pdf", paper.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await paper.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);
        }

        Assert.Equal("text/css", (await http.GetAsync("/api/ressurser/site.css")).Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/offentlig/ssu")).StatusCode);
        Assert.Contains("\"openapi\"", await http.GetStringAsync("/api/openapi/v1.json"), StringComparison.Ordinal);

        // What no function serves reaches the catch-all: the app's problem details in Norwegian, not the host's empty 404.
        using var unknown = await http.GetAsync("/api/finnes-ikke");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Fant ikke", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The ticker is a timer: no route runs it for a stranger (issue 27, finding 8), and the host's admin API wants its master key.
        using (var ticker = await http.PostAsync("/api/CycleTicker", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, ticker.StatusCode);
        }

        using (var admin = await http.PostAsync("/admin/functions/CycleTicker", JsonContent.Create(new { input = "" })))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
        }

        using var wrongMethod = await http.DeleteAsync("/api/health");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Equal("application/problem+json", wrongMethod.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task TheWorkspace_SignsIn_WithItsCookieAndAntiforgery()
    {
        using var cookies = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(host.BaseUrl) };
        using (var stranger = await cookies.GetAsync("/api/sekretariat"))
        {
            Assert.Equal(HttpStatusCode.Redirect, stranger.StatusCode);
            Assert.StartsWith("/api/sekretariat/logg-inn", stranger.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var page = await cookies.GetStringAsync("/api/sekretariat/logg-inn");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using (var forged = await cookies.PostAsync("/api/sekretariat/logg-inn", new FormUrlEncodedContent([new("user", "Siri Sekretær"), new("returnUrl", "/api/sekretariat")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        using (var signIn = await cookies.PostAsync("/api/sekretariat/logg-inn", new FormUrlEncodedContent([new("user", "Siri Sekretær"), new("returnUrl", "/api/sekretariat"), new("__RequestVerificationToken", token)])))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var home = await cookies.GetStringAsync("/api/sekretariat");
        Assert.Contains("<h1>Oversikt</h1>", home, StringComparison.Ordinal);
        Assert.Contains("Siri Sekretær", home, StringComparison.Ordinal);
    }
}

/// <summary>
/// The workspace's sign-in under the host in Production: OpenID Connect with a real provider on loopback (PKCE,
/// form_post to the callback, which the Workspace function's route takes), the role check, the cookie.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class FunctionsHostSignInTests(AppFixture app)
{
    [Fact]
    public async Task TheSecretariat_SignsInWithOpenIdConnect_ThroughTheHost_AndAUserWithoutTheRoleIsRefused()
    {
        var port = Azurite.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        await using var provider = await IdentityProvider.Start(baseUrl, new("siri", "Siri Sekretær", "siri@example.org", ["Sekretariat"]), new("ola", "Ola Medlem", "ola@example.org", ["Medlem"]));
        var settings = AppFixture.SettingsOfAnother(app.Azurite.ConnectionString, "");
        settings["SignIn:Authority"] = provider.Authority;
        settings["SignIn:ClientId"] = IdentityProvider.ClientId;
        settings["SignIn:ClientSecret"] = IdentityProvider.ClientSecret;
        await using var host = await FunctionsHost.Start(FunctionsHost.AppOutput, settings, app.Azurite.ConnectionString, port, "Production");

        foreach (var (login, status, heading) in new[] { ("siri", 200, "Oversikt"), ("ola", 403, "Du har ikke tilgang") })
        {
            await using var context = await (await app.Browser()).NewContextAsync();
            var page = await context.NewPageAsync();
            await page.GotoAsync(baseUrl + "/api/sekretariat");
            Assert.StartsWith(provider.Authority, page.Url, StringComparison.Ordinal);
            await page.Locator("input[name=login]").FillAsync(login);
            await page.Locator("input[name=password]").FillAsync("hva-som-helst");
            var response = await page.RunAndWaitForResponseAsync(
                () => page.Locator("button[type=submit]").ClickAsync(),
                r => r.Url.TrimEnd('/') == baseUrl + "/api/sekretariat" && r.Request.IsNavigationRequest);
            Assert.Equal(status, response.Status);
            Assert.Contains(heading, await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            if (status == 200)
            {
                var cookie = (await context.CookiesAsync()).Single(c => c.Name == "hf-sekretariat");
                Assert.True(cookie.HttpOnly);
                Assert.Contains("Innlogget: Siri Sekretær", await page.Locator("nav").InnerTextAsync(), StringComparison.Ordinal);
            }
        }
    }
}

/// <summary>The host's own process handling: a worker killed (as the host or the OOM killer would) and a stop.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class FunctionsHostProcessTests(AppFixture app)
{
    private static bool IsWorker(int pid) => Processes.CommandLine(pid).Contains("Helsefellesskap.Functions.dll", StringComparison.Ordinal);

    [Fact]
    public async Task AKilledWorker_TakesChromiumWithIt_TheHostStartsANewOne_AndAStopLeavesNothing()
    {
        var settings = AppFixture.SettingsOfAnother(app.Azurite.ConnectionString, "");
        settings["Documents:WarmUpAtStart"] = "true";
        await using var host = await FunctionsHost.Start(FunctionsHost.AppOutput, settings, app.Azurite.ConnectionString);

        int? worker = null, chromium = null;
        for (var i = 0; i < 300 && chromium is null; i++)
        {
            await Task.Delay(100);
            worker = host.Descendants().Cast<int?>().FirstOrDefault(p => IsWorker(p!.Value));
            chromium = worker is null ? null : Processes.Below(worker.Value).Cast<int?>().FirstOrDefault(p => Processes.IsChromium(p!.Value));
        }

        Assert.True(chromium is not null, $"The worker did not launch Chromium at start.\n{host.Log}");
        System.Diagnostics.Process.GetProcessById(worker!.Value).Kill(entireProcessTree: false); // SIGKILL to the worker alone
        for (var i = 0; i < 50 && Processes.IsChromium(chromium.Value); i++)
        {
            await Task.Delay(100);
        }

        var survived = Processes.IsChromium(chromium.Value);
        if (survived)
        {
            System.Diagnostics.Process.GetProcessById(chromium.Value).Kill(entireProcessTree: true);
        }

        Assert.False(survived, $"Chromium (process {chromium}) was still running after the worker was killed.");

        // The host starts a new worker, which answers.
        HttpStatusCode? status = null;
        for (var i = 0; i < 300 && status != HttpStatusCode.OK; i++)
        {
            await Task.Delay(200);
            try
            {
                status = (await host.Http.GetAsync("/api/health")).StatusCode;
            }
            catch (HttpRequestException)
            {
            }
        }

        Assert.True(status == HttpStatusCode.OK, $"No answer after the worker was killed.\n{host.Log}");
        var again = host.Descendants().Where(IsWorker).ToList();
        Assert.DoesNotContain(worker.Value, again);
        Assert.NotEmpty(again);

        var running = host.Descendants();
        await host.Stop();
        await Task.Delay(500);
        Assert.DoesNotContain(running, p => Processes.CommandLine(p) != "");
    }
}
