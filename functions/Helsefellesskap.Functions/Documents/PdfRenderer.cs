using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace Helsefellesskap.Functions.Documents;

/// <summary>What goes around every page of a PDF: the running header, and "Side X av Y" unless the pages are numbered later (the packet).</summary>
public sealed record PageFrame(string Header, bool NumberPages = true);

/// <summary>
/// HTML to PDF in headless Chromium (Debian's, through PuppeteerSharp: no download, no Node driver). One
/// browser per process, launched on first use and closed when the app stops (disposed with the service
/// provider: otherwise Chromium outlives the process); a small pool of pages reused from document to
/// document. JavaScript is off, the HTML is set directly (no file or network URL), and every request the
/// page makes is aborted.
/// </summary>
public sealed class PdfRenderer(IOptions<DocumentOptions> options, DocumentTemplates templates, ILogger<PdfRenderer> log, IHttpClientFactory? http = null) : IAsyncDisposable
{
    public sealed record RemoteRequest(string Html, string Header, bool NumberPages = true);

    public static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
        "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND",
    ];

    private readonly SemaphoreSlim launch = new(1, 1);
    private readonly ConcurrentBag<IPage> idle = [];
    private readonly SemaphoreSlim slots = new(options.Value.Pages, options.Value.Pages);
    private IBrowser? browser;
    private int blockedRequests;

    /// <summary>Requests a page tried to make and was refused, since start (none expected).</summary>
    public int BlockedRequests => blockedRequests;

    public async Task<byte[]> Render(string html, PageFrame frame, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(options.Value.RendererUrl) ? await RenderHere(html, frame, ct) : await RenderRemotely(html, frame, ct);

    /// <summary>Hands the page to the renderer container, which prints it with this same class.</summary>
    private Task<byte[]> RenderRemotely(string html, PageFrame frame, CancellationToken ct) =>
        RendererCall.Post(http, options.Value, "/api/internal/render", System.Net.Http.Json.JsonContent.Create(new RemoteRequest(html, frame.Header, frame.NumberPages)), "a page to print", ct);

    public async Task<byte[]> RenderHere(string html, PageFrame frame, CancellationToken ct = default)
    {
        var (header, footer) = await templates.PrintFrame(frame.Header);
        if (!frame.NumberPages)
        {
            footer = "<span></span>";
        }

        await slots.WaitAsync(ct);
        IPage? page = null;
        try
        {
            page = idle.TryTake(out var reused) && !reused.IsClosed ? reused : await NewPage();
            await page.SetContentAsync(html, new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load] });
            var pdf = await page.PdfDataAsync(new PdfOptions
            {
                Format = PaperFormat.A4,
                PrintBackground = true,
                PreferCSSPageSize = true,
                Tagged = true,
                Outline = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = header,
                FooterTemplate = footer,
                MarginOptions = new MarginOptions { Top = "24mm", Bottom = "20mm", Left = "18mm", Right = "18mm" },
            });
            idle.Add(page);
            page = null;
            return pdf;
        }
        finally
        {
            if (page is not null)
            {
                await page.BrowserContext.CloseAsync();
            }

            slots.Release();
        }
    }

    /// <summary>Whether the browser is up (launched by a document, or ahead of the first by <see cref="WarmUp"/>).</summary>
    public bool BrowserRunning => browser is { IsConnected: true };

    /// <summary>The Chromium process this renderer launched, if any (to check that it ends with the app).</summary>
    internal System.Diagnostics.Process? BrowserProcess => browser?.Process;

    /// <summary>Launches the browser and opens one page for the first document.</summary>
    public async Task WarmUp(CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try
        {
            idle.Add(await NewPage());
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<IPage> NewPage()
    {
        var b = await Browser();
        var context = await b.CreateBrowserContextAsync();
        var page = await context.NewPageAsync();
        await page.SetJavaScriptEnabledAsync(false);
        await page.SetRequestInterceptionAsync(true);
        page.AddRequestInterceptor(request =>
        {
            Interlocked.Increment(ref blockedRequests);
            log.LogWarning("Blocked a request from a document page to {Url}", request.Url);
            return request.AbortAsync(RequestAbortErrorCode.BlockedByClient);
        });
        return page;
    }

    private async Task<IBrowser> Browser()
    {
        if (browser is { IsConnected: true })
        {
            return browser;
        }

        await launch.WaitAsync();
        try
        {
            if (browser is { IsConnected: true })
            {
                return browser;
            }

            browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = options.Value.ChromiumPath,
                Headless = true,
                // Over a pipe, not a WebSocket: when this process dies (kill -9, out of memory), the pipe closes and
                // Chromium exits with it. Over a WebSocket it stayed behind, one process spinning at ~66% of a core.
                Pipe = true,
                // PuppeteerSharp joins the arguments into one command line: one with spaces goes in quotes.
                Args = [.. ChromiumArgs.Select(a => a.Contains(' ', StringComparison.Ordinal) ? a.Replace("=", "=\"", StringComparison.Ordinal) + "\"" : a), "--lang=nb-NO"],
            });
            // The tab Chromium opens at launch is never used (documents get pages of their own contexts): closed, its
            // renderer process goes (~20 MB PSS).
            foreach (var blank in await browser.PagesAsync())
            {
                await blank.CloseAsync();
            }

            log.LogInformation("Chromium {Version} started for PDF rendering", await browser.GetVersionAsync());
            return browser;
        }
        finally
        {
            launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            // Closes Chromium and removes its temporary profile.
            await browser.DisposeAsync();
        }
    }
}
