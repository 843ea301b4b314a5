using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>A browser signed in to the workspace through the local sign-in of Development, with axe-core at hand.</summary>
public sealed class WorkspaceBrowser(string baseUrl, IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>A browser signed in to an instance of a test's own, with the session cookie the instance would have made at sign-in.</summary>
    public static async Task<WorkspaceBrowser> SignedInTo(TestBrowser browser, FreshInstance instance)
    {
        var context = await (await browser.Get()).NewContextAsync(new BrowserNewContextOptions { Locale = "nb-NO" });
        var session = WorkspaceSession.Secretariat(instance.Services).Split('=', 2);
        var url = instance.Http.BaseAddress!.ToString().TrimEnd('/');
        await context.AddCookiesAsync([new Cookie { Name = session[0], Value = session[1], Url = url }]);
        return new WorkspaceBrowser(url, context, await context.NewPageAsync());
    }

    public IPage Page => page;

    public IBrowserContext Context => context;

    /// <param name="javaScript">False: a browser with scripts off, as the workspace must work without them.</param>
    public static async Task<WorkspaceBrowser> SignIn(AppFixture app, string user = "Siri Sekretær", bool javaScript = true)
    {
        var context = await (await app.Browser()).NewContextAsync(new BrowserNewContextOptions { Locale = "nb-NO", JavaScriptEnabled = javaScript });
        var browser = new WorkspaceBrowser(app.BaseUrl, context, await context.NewPageAsync());
        await browser.SignInAgain(user);
        return browser;
    }

    /// <summary>Signs in (again: a session lasts 8 hours of the app's clock, and the tests move that clock by weeks).</summary>
    public async Task SignInAgain(string user = "Siri Sekretær")
    {
        await page.GotoAsync(baseUrl + "/api/sekretariat");
        Assert.Contains("/api/sekretariat/logg-inn", page.Url);
        await page.GetByLabel(user).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        await page.WaitForURLAsync(baseUrl + "/api/sekretariat");
    }

    public async Task<IResponse> Open(string path, int status = 200)
    {
        var response = await page.GotoAsync(baseUrl + path);
        Assert.Equal(status, response!.Status);
        return response;
    }

    /// <summary>Clicks a button that posts a form and waits for the page the app answers with.</summary>
    public async Task<IResponse> Submit(string button)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Request.Method == "GET" || r.Status >= 400);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response;
    }

    public Task<string> Main() => page.Locator("main").InnerTextAsync();

    /// <summary>axe-core against WCAG 2.1 A and AA on the page as it is: zero violations.</summary>
    public async Task AssertAccessible(string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(result.Violations.Length == 0, $"{what} ({page.Url}): " + string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        Assert.True(result.Passes.Length > 0, "axe ran no rule");
    }

    /// <summary>A PDF the page links to, fetched with the page's session.</summary>
    public async Task<byte[]> Download(string path)
    {
        var response = await context.APIRequest.GetAsync(baseUrl + path);
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        return await response.BodyAsync();
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
