using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Start-up under the Azure Functions host, as Azure starts the package, against a minimal isolated function app under
/// the same host in the same run. Method: both are published as scripts/package.sh publishes the app (self-contained
/// linux-x64, ReadyToRun) into artifacts/bench-start/; the minimal app (tests/Helsefellesskap.MinimalFunctionApp) is one
/// HTTP function with the same Worker packages. One Azurite holds the Helgeland community and 12 cases on the SSU's next
/// meeting. Each round starts under `func start`, in an order that rotates from round to round: the minimal app; the app
/// printing in its own Chromium (as locally, launched after the first answer); and the app as deployed in Azure (ADR
/// 0006: Flex Consumption has no Chromium, the worker sends its pages to the renderer container, here the benchmark's
/// own instance of the app on Kestrel, warm). Each is measured from the launcher's start until /api/health answers 200
/// (polled every 50 ms); for the app then the meeting packet (summons + 12 case papers, one print; a case changed
/// before, so it is printed, not found stored) and a second packet after another change in the same process. Rounds: 5.
/// </summary>
public static class StartBenchmark
{
    private const int Rounds = 5;

    public static async Task Run()
    {
        var app = Publish("app", Path.Combine(RepoPaths.Functions, "Helsefellesskap.Functions"));
        var minimal = Publish("minimal", Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.MinimalFunctionApp"));
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        try
        {
            var meetingId = await Cases(fixture);
            // The renderer: the benchmark's own instance on Kestrel, the same package's code, its Chromium up.
            await Packet(fixture.Http, meetingId);

            var minimalReady = new List<double>();
            var local = new List<(double Ready, double Packet, double Second)>();
            var deployed = new List<(double Ready, double Packet, double Second)>();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var which in Enumerable.Range(0, 3).Select(i => (i + round) % 3))
                {
                    if (which == 0)
                    {
                        var watch = Stopwatch.StartNew();
                        await using var host = await FunctionsHost.Start(minimal, new Dictionary<string, string?>(), fixture.Azurite.ConnectionString);
                        minimalReady.Add(watch.Elapsed.TotalMilliseconds);
                        continue;
                    }

                    var settings = AppFixture.SettingsOfAnother(fixture.Azurite.ConnectionString, "");
                    settings["Documents:WarmUpAtStart"] = "true";
                    if (which == 2)
                    {
                        settings["Documents:ChromiumPath"] = "/finnes/ikke/chromium";
                        settings["Documents:RendererUrl"] = fixture.BaseUrl;
                        settings["Documents:RendererKey"] = AppFixture.RendererKey;
                    }

                    (which == 1 ? local : deployed).Add(await AppRound(fixture, app, settings, meetingId, $"round-{round}-{which}"));
                }
            }

            var minimalMedian = minimalReady.Order().ElementAt(Rounds / 2);
            string Ratio(IEnumerable<double> values) => string.Create(CultureInfo.InvariantCulture, $"{values.Order().ElementAt(Rounds / 2) / minimalMedian:0.00}×");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Start under the Functions host ({Path.GetFileName(FunctionsHost.Launcher())} {FunctionsHost.Launcher()}), {Environment.ProcessorCount} cores, {Rounds} rounds, order rotating; ms (min/p50/max), and the median against the minimal app's:
                  minimal isolated app, start to /api/health 200              {Spread(minimalReady)}
                  the app printing in its own Chromium (locally):
                    start to /api/health 200                                  {Spread(local.Select(r => r.Ready))}   {Ratio(local.Select(r => r.Ready))}
                    start to the first packet                                 {Spread(local.Select(r => r.Ready + r.Packet))}   {Ratio(local.Select(r => r.Ready + r.Packet))}
                    first packet request / second (warm)                      {Spread(local.Select(r => r.Packet))} / {Spread(local.Select(r => r.Second))}
                  the app as deployed in Azure (ADR 0006: printing through the renderer, warm):
                    start to /api/health 200                                  {Spread(deployed.Select(r => r.Ready))}   {Ratio(deployed.Select(r => r.Ready))}
                    start to the first packet                                 {Spread(deployed.Select(r => r.Ready + r.Packet))}   {Ratio(deployed.Select(r => r.Ready + r.Packet))}
                    first packet request / second (warm)                      {Spread(deployed.Select(r => r.Packet))} / {Spread(deployed.Select(r => r.Second))}
                  target (issue 26): start to first answer and to first packet each at most 2× the minimal app's start
                """));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>One start of the app with these settings: to health, the first packet, and a second after another change.</summary>
    private static async Task<(double Ready, double Packet, double Second)> AppRound(AppFixture fixture, string app, Dictionary<string, string?> settings, string meetingId, string mark)
    {
        await ChangeACase(fixture, meetingId, mark);
        var watch = Stopwatch.StartNew();
        await using var host = await FunctionsHost.Start(app, settings, fixture.Azurite.ConnectionString);
        var ready = watch.Elapsed.TotalMilliseconds;
        var first = await Packet(host.Http, meetingId);
        await ChangeACase(fixture, meetingId, mark + "-second");
        return (ready, first, await Packet(host.Http, meetingId));
    }

    private static string Publish(string name, string project)
    {
        var output = Path.Combine(RepoPaths.Root, "artifacts", "bench-start", name);
        var start = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
            "-p:PublishReadyToRun=true", "-o", output, "--nologo", "-v", "quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Publishing {name} failed: {error}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published {name} in {watch.Elapsed.TotalSeconds:0.0} s"));
        return output;
    }

    private static async Task<double> Packet(HttpClient http, string meetingId)
    {
        using var request = AppFixture.Secretariat(HttpMethod.Get, $"/api/meetings/{meetingId}/packet");
        var timer = Stopwatch.StartNew();
        using var packet = await http.SendAsync(request);
        packet.EnsureSuccessStatusCode();
        await packet.Content.ReadAsByteArrayAsync();
        return timer.Elapsed.TotalMilliseconds;
    }

    /// <summary>12 cases on the SSU's next meeting with an open case deadline; the meeting's id.</summary>
    private static async Task<string> Cases(AppFixture fixture)
    {
        string? meetingId = null;
        for (var i = 0; i < 12; i++)
        {
            using var response = await fixture.Http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid($"Sak {i + 1} om samhandling på Helgeland")));
            response.EnsureSuccessStatusCode();
            meetingId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meeting").GetProperty("id").GetString();
        }

        return meetingId!;
    }

    private static async Task ChangeACase(AppFixture fixture, string meetingId, string mark)
    {
        var store = fixture.Service<CaseStore>();
        var first = (await store.OnMeeting("ssu", MeetingId.Parse(meetingId))).First();
        await store.Update(first with { Content = first.Content with { Summary = $"Rutinen skal sikre trygg utskrivning ({mark})." } });
    }

    private static string Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[0],5:0}/{sorted[sorted.Count / 2],5:0}/{sorted[^1],5:0}");
    }
}
