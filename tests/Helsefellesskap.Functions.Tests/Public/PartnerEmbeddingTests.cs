using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Public;

/// <summary>
/// What a partner municipality's website does with the public outputs, in Chromium: fetch the feeds
/// from its own origin (here http://localhost:port, another origin than http://127.0.0.1:port), frame
/// the snippet, and show the public page on a phone.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PartnerEmbeddingTests(AppFixture app) : IAsyncLifetime
{
    private IBrowserContext context = null!;
    private IPage page = null!;

    private string PartnerOrigin => app.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    public async Task InitializeAsync()
    {
        context = await (await app.Browser()).NewContextAsync(new BrowserNewContextOptions { Locale = "nb-NO", ViewportSize = new ViewportSize { Width = 320, Height = 640 } });
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    private Task<string> FetchFromPartnerPage(string path) =>
        page.EvaluateAsync<string>($"url => fetch(url).then(r => r.text()).then(t => 'ok:' + t.length, e => 'refused:' + e.name)", app.BaseUrl + path);

    [Fact]
    public async Task ThePartnersPage_CanFetchTheFeedsAndTheSnippet_FromItsOwnOrigin()
    {
        await page.GotoAsync(PartnerOrigin + "/");
        Assert.NotEqual(new Uri(app.BaseUrl).Host, new Uri(page.Url).Host);

        Assert.StartsWith("ok:", await FetchFromPartnerPage("/api/offentlig/ssu/referater.json"), StringComparison.Ordinal);
        Assert.StartsWith("ok:", await FetchFromPartnerPage("/api/offentlig/ssu/referater.atom"), StringComparison.Ordinal);
        Assert.StartsWith("ok:", await FetchFromPartnerPage("/api/offentlig/ssu/siste.html"), StringComparison.Ordinal);

        // Only these: a page that is not meant for other sites stays closed to them.
        Assert.Equal("refused:TypeError", await FetchFromPartnerPage("/api/offentlig/ssu"));
    }

    [Fact]
    public async Task TheSnippet_InAFrame_IsACompleteAccessibleDocument_WhoseLinksOpenInTheTopWindow_AndAServerGetsTheSectionAlone()
    {
        await page.GotoAsync(PartnerOrigin + "/");
        await page.SetContentAsync($"""<!DOCTYPE html><html lang="nb"><head><title>Rana kommune</title></head><body><main><h1>Helsefellesskapet</h1><iframe title="Siste referater" src="{app.BaseUrl}/api/offentlig/ssu/siste.html"></iframe></main></body></html>""");
        var frame = page.Frames.Single(f => f.Url.Contains("/siste.html", StringComparison.Ordinal));
        await frame.WaitForLoadStateAsync();
        Assert.Equal("nb", await frame.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal("Referater fra Strategisk samarbeidsutvalg", await frame.TitleAsync());
        Assert.Equal("_top", await frame.EvaluateAsync<string>("document.querySelector('base').target"));

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(result.Violations.Length == 0, string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));

        // A server-side include (no Sec-Fetch-Dest) gets the section alone, to put inside its own page.
        var included = await app.Http.GetStringAsync("/api/offentlig/ssu/siste.html");
        Assert.StartsWith("<section lang=\"nb\"", included.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePublicPage_FitsA320PixelPhone()
    {
        await page.GotoAsync(app.BaseUrl + "/api/offentlig/ssu");
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 320, "the page is wider than the screen");
    }
}
