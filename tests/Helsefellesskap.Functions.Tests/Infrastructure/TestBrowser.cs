using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>One headless Debian Chromium for a collection's page tests (axe-core, clicking through), launched when first asked for.</summary>
public sealed class TestBrowser : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async Task<IBrowser> Get()
    {
        await gate.WaitAsync();
        try
        {
            if (browser is null)
            {
                playwright = await Microsoft.Playwright.Playwright.CreateAsync();
                browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = "/usr/bin/chromium",
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                });
            }

            return browser;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>
/// The tests that run on instances and Azurites of their own (<see cref="FreshInstance"/>): they share nothing
/// with the app collection but a browser of their own, so they run beside it, not after it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FreshCollection : ICollectionFixture<FreshFixture>
{
    public const string Name = "fresh";
}

public sealed class FreshFixture : IAsyncLifetime
{
    public TestBrowser Browser { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Browser.DisposeAsync();
}
