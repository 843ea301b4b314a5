using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Start-up of a new process, as the Functions host starts the package. Method: the app is published
/// self-contained for linux-x64 twice in this run, as scripts/package.sh does — without and with
/// ReadyToRun — into artifacts/bench-start/; one Azurite holds the Helgeland community and 12 cases on
/// the SSU's next meeting. Each round starts a published app as a child process on its own on Kestrel (not under the
/// Functions host: that start is not measured here yet, issue 26;
/// the definition loaded at start, Chromium warmed in the background as in production) and measures from
/// Process.Start: the first answer to GET /api/ressurser/site.css (polled every 5 ms), health "ready", and then the first
/// meeting packet (summons + 12 case papers, one Chromium print; a case text changed before each round
/// so the packet is printed, not found stored), then a second packet in the same process (another change),
/// which shows what the first one paid for start-up. Each build is started twice per round: the first packet
/// asked for as soon as health is ready (Chromium may still be launching), and 5 s later (Chromium up: what
/// is left is JIT and first use). Rounds alternate between the builds.
/// </summary>
public static class StartBenchmark
{
    private const int Rounds = 5;

    public static async Task Run()
    {
        var plain = Publish("plain", readyToRun: false);
        var r2r = Publish("r2r", readyToRun: true);
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        try
        {
            var meetingId = await Cases(fixture);
            var results = new Dictionary<string, List<(double First, double Ready, double Packet, double Second)>>();
            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (name, folder) in new[] { ("plain JIT", plain), ("ReadyToRun", r2r) })
                {
                    foreach (var pause in new[] { 0, 5 })
                    {
                        var label = pause == 0 ? name : $"{name}, +{pause} s";
                        await ChangeACase(fixture, meetingId, $"{label}-{round}");
                        var run = await StartOnce(fixture, folder, meetingId, TimeSpan.FromSeconds(pause), () => ChangeACase(fixture, meetingId, $"{label}-{round}-second"));
                        results.TryAdd(label, []);
                        results[label].Add(run);
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Start of a new process (self-contained linux-x64 publish, {Environment.ProcessorCount} cores), {Rounds} rounds per build, alternating; ms from Process.Start:
                  build, packet asked     first answer (min/p50/max)   health ready            first packet request    second packet
                """));
            foreach (var (name, runs) in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {name,-22} {Spread(runs.Select(r => r.First))}   {Spread(runs.Select(r => r.Ready))}   {Spread(runs.Select(r => r.Packet))}   {Spread(runs.Select(r => r.Second))}"));
            }

            Console.WriteLine("  targets: first answer < 500 ms; first packet in a new process < 600 ms (the request, sent once health is ready)");
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static string Publish(string name, bool readyToRun)
    {
        var output = Path.Combine(RepoPaths.Root, "artifacts", "bench-start", name);
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(RepoPaths.Functions, "Helsefellesskap.Functions"), "-c", "Release", "-r", "linux-x64", "--self-contained", "true",
            $"-p:PublishReadyToRun={readyToRun.ToString().ToLowerInvariant()}", "-o", output, "--nologo", "-v", "quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true };
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
        var first = (await store.OnMeeting("ssu", meetingId)).First();
        await store.Update(first with { Content = first.Content with { Summary = $"Rutinen skal sikre trygg utskrivning ({mark})." } });
    }

    private static async Task<(double First, double Ready, double Packet, double Second)> StartOnce(AppFixture fixture, string folder, string meetingId, TimeSpan pause, Func<Task> change)
    {
        var port = Azurite.FreePort();
        var start = new ProcessStartInfo(Path.Combine(folder, "Helsefellesskap.Functions")) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in AppFixture.Settings(fixture.Azurite.ConnectionString, $"http://127.0.0.1:{port}"))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Documents__WarmUpAtStart"] = "true";
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var first = await Until(http, "/api/ressurser/site.css", watch);
            var ready = await Until(http, "/api/health", watch);
            async Task<double> Packet()
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{meetingId}/packet");
                request.Headers.Add(Common.SecretariatAccess.Header, AppFixture.SecretariatKey);
                var timer = Stopwatch.StartNew();
                using var packet = await http.SendAsync(request);
                packet.EnsureSuccessStatusCode();
                await packet.Content.ReadAsByteArrayAsync();
                return timer.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(pause);
            var firstPacket = await Packet();
            await change();
            return (first, ready, firstPacket, await Packet());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Milliseconds from the process start until the path answers 200.</summary>
    private static async Task<double> Until(HttpClient http, string path, Stopwatch watch)
    {
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return watch.Elapsed.TotalMilliseconds;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"{path} never answered 200.");
    }

    private static string Spread(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[0],5:0}/{sorted[sorted.Count / 2],5:0}/{sorted[^1],5:0}");
    }
}
