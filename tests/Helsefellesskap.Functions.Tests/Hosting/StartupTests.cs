using System.Net;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>The app answers before its start-up work is done, and health says honestly when it is.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class StartupTests(AppFixture app)
{
    /// <summary>Holds every storage write until released: loading the community definition cannot finish before.</summary>
    private sealed class HoldsWrites : HttpPipelinePolicy
    {
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Held;

        public void Release() => released.TrySetResult();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The app's storage calls are asynchronous.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head)
            {
                Interlocked.Increment(ref Held);
                await released.Task;
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> Health(HttpClient http)
    {
        using var response = await http.GetAsync("/api/health");
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task TheAppAnswers_WhileTheCommunityIsLoaded_AndHealthSaysStartingUntilItIs()
    {
        var hold = new HoldsWrites();
        var settings = AppFixture.Settings(app.Azurite.ConnectionString, $"http://127.0.0.1:{Azurite.FreePort()}");
        var instance = await AppFixture.StartApp(settings, s => s.AddSingleton<HttpPipelinePolicy>(hold), untilReady: false);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(instance.Urls.First()) };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/ressurser/site.css")).StatusCode);
            var readiness = instance.Services.GetRequiredService<Readiness>();
            for (var i = 0; i < 100 && Volatile.Read(ref hold.Held) == 0; i++)
            {
                await Task.Delay(50);
            }

            Assert.True(hold.Held > 0, "loading never reached storage");
            Assert.Equal(Readiness.DataState.Loading, readiness.Data);
            var starting = await Health(http);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.Status);
            using (var json = JsonDocument.Parse(starting.Body))
            {
                Assert.Equal(("starting", "loading"), (json.RootElement.GetProperty("status").GetString(), json.RootElement.GetProperty("data").GetString()));
            }

            Assert.Equal("1", starting.RetryAfter);

            hold.Release();
            await readiness.Settled.WaitAsync(TimeSpan.FromMinutes(1));

            var ready = await Health(http);
            Assert.Equal(HttpStatusCode.OK, ready.Status);
            using var after = JsonDocument.Parse(ready.Body);
            Assert.Equal("ready", after.RootElement.GetProperty("data").GetString());
        }
        finally
        {
            hold.Release();
            await instance.StopAsync();
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task Chromium_IsLaunchedAfterStart_BeforeAnyDocumentIsAskedFor()
    {
        var instance = await app.StartAnother(s => s["Documents:WarmUpAtStart"] = "true");
        try
        {
            var renderer = instance.Services.GetRequiredService<PdfRenderer>();
            for (var i = 0; i < 300 && !renderer.BrowserRunning; i++)
            {
                await Task.Delay(100);
            }

            Assert.True(renderer.BrowserRunning);
        }
        finally
        {
            await instance.StopAsync();
            await instance.DisposeAsync();
        }

        // And off, it waits for the first document.
        var lazy = await app.StartAnother();
        try
        {
            await Task.Delay(Functions.Documents.RendererWarmUp.WarmUpDelay + TimeSpan.FromSeconds(1));
            Assert.False(lazy.Services.GetRequiredService<PdfRenderer>().BrowserRunning);
        }
        finally
        {
            await lazy.StopAsync();
            await lazy.DisposeAsync();
        }
    }

    [Fact]
    public async Task WithTheRenderer_TheSamplePacketIsPrintedThroughIt_AfterStart_WakingItsChromium()
    {
        // As deployed (ADR 0006): the worker has no Chromium; the renderer launches its own on the first page it gets.
        var renderer = await app.StartAnother();
        var instance = await app.StartAnother(s =>
        {
            s["Documents:WarmUpAtStart"] = "true";
            s["Documents:ChromiumPath"] = "/finnes/ikke/chromium";
            s["Documents:RendererUrl"] = renderer.Urls.First();
            s["Documents:RendererKey"] = AppFixture.RendererKey;
        });
        try
        {
            var printing = renderer.Services.GetRequiredService<PdfRenderer>();
            for (var i = 0; i < 300 && !printing.BrowserRunning; i++)
            {
                await Task.Delay(100);
            }

            Assert.True(printing.BrowserRunning, "The renderer was not asked to print anything after the app started.");
            Assert.False(instance.Services.GetRequiredService<PdfRenderer>().BrowserRunning);
        }
        finally
        {
            await instance.StopAsync();
            await instance.DisposeAsync();
            await renderer.StopAsync();
            await renderer.DisposeAsync();
        }
    }

    [Fact]
    public async Task Chromium_EndsWithTheApp()
    {
        var instance = await app.StartAnother();
        var renderer = instance.Services.GetRequiredService<PdfRenderer>();
        int chromium;
        try
        {
            await renderer.Render("<html lang=\"nb\"><head><title>t</title></head><body><p>Tekst</p></body></html>", new Functions.Documents.PageFrame("Test"));
            Assert.NotNull(renderer.BrowserProcess);
            chromium = renderer.BrowserProcess.Id;
            Assert.True(Processes.IsChromium(chromium));
        }
        finally
        {
            await instance.StopAsync();
            await instance.DisposeAsync();
        }

        // Disposed with the app's services, not left behind for the operating system to find.
        for (var i = 0; i < 50 && Processes.IsChromium(chromium); i++)
        {
            await Task.Delay(100);
        }

        Assert.False(Processes.IsChromium(chromium), $"Chromium (process {chromium}) was still running after the app stopped.");
    }
}
