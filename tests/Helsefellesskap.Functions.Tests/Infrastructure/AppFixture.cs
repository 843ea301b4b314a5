using System.Net.Http.Headers;
using System.Net.Http.Json;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// One real Azurite and one running app (Kestrel on a loopback port, Development, demo data seeded) for
/// the whole test run. Tests use unique data, so they never depend on each other's.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string SecretariatKey = "test-sekretariatsnokkel-0123456789";

    /// <summary>The fixture's app also plays the PDF renderer for apps configured without Chromium.</summary>
    public const string RendererKey = "test-renderer-key-0123456789";

    /// <summary>Limits small enough to test cheaply: 1 MB per file, 2 MB per case.</summary>
    public const long MaxFileBytes = 1024 * 1024;
    public const long MaxCaseBytes = 2 * 1024 * 1024;

    /// <summary>Monday 23 November 2026, 10:00 in Oslo: the start of every test's clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    private readonly TestBrowser browser = new();

    public Azurite Azurite { get; private set; } = null!;
    public WebApplication App { get; private set; } = null!;
    public AdjustableClock Clock { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The run's fixture, for <see cref="OwnTimeAttribute"/>.</summary>
    internal static AppFixture? Current { get; private set; }

    public async Task InitializeAsync()
    {
        Current = this;
        Azurite = await Azurite.Start();
        BaseUrl = $"http://127.0.0.1:{Azurite.FreePort()}";
        App = await StartApp(Settings(Azurite.ConnectionString, BaseUrl));
        Clock = App.Services.GetRequiredService<AdjustableClock>();
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };

        // The workspace's data-protection key ring exists before any test starts another instance: an
        // instance then only reads it, and a test counting an instance's storage writes counts its own.
        Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(App.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector("fixture"), "klar");
    }

    public static Dictionary<string, string?> Settings(string storage, string baseUrl) => new()
    {
        ["Storage:ConnectionString"] = storage,
        ["Community:Name"] = "Helsefellesskap Helgeland",
        ["Community:ReferencePrefix"] = "HFH",
        ["Community:Definition"] = Presets.Path("helgeland"),
        // The shared instance has Helgeland's SSU only: every tick runs every body's due steps, and the
        // tests that need the other bodies start an instance of their own with all of them.
        ["Community:DefinitionBodies"] = "ssu",
        ["Secretariat:Key"] = SecretariatKey,
        ["Secretariat:Email"] = "sekretariat@example.org",
        ["Links:PublicBaseUrl"] = baseUrl,
        ["Links:SigningKey"] = "test-signing-key-that-is-long-enough-0123456789",
        ["Email:FromAddress"] = "post@helsefellesskap.example.org",
        ["Email:FromName"] = "Helsefellesskap Helgeland",
        ["Intake:MaxFileBytes"] = MaxFileBytes.ToString(),
        ["Intake:MaxCaseBytes"] = MaxCaseBytes.ToString(),
        ["Cycle:InProcessTicker"] = "false",
        ["Community:PartnerWebContacts"] = "nettredaksjon@rana.example.org,nettredaksjon@helgelandssykehuset.example.org",
        ["Documents:RendererKey"] = RendererKey,
        // Many instances start in a run: each launches Chromium only when it prints (StartupTests turn this on).
        ["Documents:WarmUpAtStart"] = "false",
        ["urls"] = baseUrl,
        // ASP.NET Core's line per request step drowns the app's own log (and a failure's context) in the test output.
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>Builds and starts the app as Program.cs does, with these settings, its clock set to <see cref="Start"/>.</summary>
    /// <param name="untilReady">Whether to wait for the work done after start (the community definition loaded).</param>
    public static async Task<WebApplication> StartApp(IDictionary<string, string?> settings, Action<IServiceCollection>? services = null, string environment = "Development", bool untilReady = true)
    {
        var builder = HelsefellesskapApp.CreateBuilder([], environment);
        builder.Configuration.AddInMemoryCollection(settings);
        services?.Invoke(builder.Services);
        var app = HelsefellesskapApp.Build(builder);
        app.Services.GetService<AdjustableClock>()?.Set(Start);
        await app.StartAsync();

        // The community definition is loaded after the app listens: tests begin once it is.
        if (untilReady)
        {
            await app.Services.GetRequiredService<Readiness>().Settled.WaitAsync(TimeSpan.FromMinutes(2));
        }

        return app;
    }

    /// <summary>The settings of another instance on storage that already holds the community: no definition loaded at start.</summary>
    public static Dictionary<string, string?> SettingsOfAnother(string storage, string baseUrl)
    {
        var settings = Settings(storage, baseUrl);
        settings["Community:Definition"] = "";
        settings["Community:DefinitionBodies"] = "";
        return settings;
    }

    /// <summary>
    /// A second app instance on the same Azurite (another process, as far as storage can tell), loading
    /// no community definition; <paramref name="change"/> adjusts its settings. The caller stops and disposes it.
    /// </summary>
    public Task<WebApplication> StartAnother(Action<IDictionary<string, string?>>? change = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        var settings = SettingsOfAnother(Azurite.ConnectionString, $"http://127.0.0.1:{Azurite.FreePort()}");
        change?.Invoke(settings);
        return StartApp(settings, services, environment);
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>Until what the app does just after its answers (sending a receipt, an absence's emails) is done.</summary>
    public async Task WorkAfterAnswers() => Assert.True(await Service<Functions.Common.AfterAnswer>().Idle(TimeSpan.FromSeconds(30)), "the work after the answers did not end within 30 s");

    public StorageClients Storage => Service<StorageClients>();

    public HttpRequestMessage AsSecretariat(HttpMethod method, string url) => Secretariat(method, url);

    /// <summary>A request with the secretariat's key, to any instance; <paramref name="json"/> as its body in the app's JSON.</summary>
    public static HttpRequestMessage Secretariat(HttpMethod method, string url, object? json = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = json is null ? null : JsonContent.Create(json, options: Json.Options) };
        request.Headers.Add(SecretariatAccess.Header, SecretariatKey);
        return request;
    }

    public async Task<T> GetAsSecretariat<T>(string url)
    {
        using var response = await Http.SendAsync(AsSecretariat(HttpMethod.Get, url));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(Json.Options))!;
    }

    /// <summary>Every item of a paged list route, following its <c>Link rel="next"</c> headers.</summary>
    public async Task<List<T>> GetAllAsSecretariat<T>(string url)
    {
        var all = new List<T>();
        for (string? next = url; next is not null;)
        {
            using var response = await Http.SendAsync(AsSecretariat(HttpMethod.Get, next));
            response.EnsureSuccessStatusCode();
            all.AddRange((await response.Content.ReadFromJsonAsync<List<T>>(Json.Options))!);
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => System.Text.RegularExpressions.Regex.Match(l, "^<([^>]+)>; rel=\"next\"$")).FirstOrDefault(m => m.Success)?.Groups[1].Value
                : null;
        }

        return all;
    }

    /// <summary>Debian's Chromium driven by Playwright; launched once, on first use.</summary>
    public Task<IBrowser> Browser() => browser.Get();

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        Http?.Dispose();
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

/// <summary>
/// Every test starts at <see cref="AppFixture.Start"/> on the app's clock, whatever the test before it
/// set: no test inherits another's time. (Tests in the app collection run one at a time.)
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnTimeAttribute : Xunit.Sdk.BeforeAfterTestAttribute
{
    public override void Before(System.Reflection.MethodInfo methodUnderTest) => AppFixture.Current?.Clock?.Set(AppFixture.Start);
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

public static class HttpExtensions
{
    public static MediaTypeHeaderValue? ContentType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
