using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Intake side by side with an earlier build (issue 27: "as fast as before", against 848977b of 2026-11-24), black-box
/// and like for like. Method: both builds are published the same way (Release, framework-dependent) from a git worktree
/// of each commit (the current one from the working tree), and each runs on its own as a process on Kestrel, with the
/// same settings, against a fresh Azurite of its own (in memory); the benchmark is the client. Per round and build: 10
/// warm-up submissions, 50 one at a time (p50), then N JSON submissions from C concurrent clients, each with its own
/// Idempotency-Key and a 60 s client timeout, no retries in the timed part: throughput, p50/p95/p99, 5xx answers and
/// client timeouts. A key whose client timed out is then sent again (same key, same body) and must answer 201 with one
/// case: it is counted as stored once, or as lost. The CPU time of the app's process and of Azurite's, from the start
/// of the concurrent submissions until the app is quiet again (the work after the answers included), per submission.
/// The builds alternate which goes first in each round. Then, for each
/// build, the storage requests of one submission, by kind: the app's storage goes through a counting proxy in this
/// process, 20 submissions one at a time, each followed by a second's pause: the requests made while each was answered
/// and those made in the second after its answer, each divided by 20.
/// </summary>
public static class IntakeComparison
{
    /// <summary>The secretariat hears of new cases in a morning digest, not each at once (the earlier build had no notice).</summary>
    private static bool DailyNotices;

    private sealed record Build(string Label, string Dll, string Source);

    private sealed record Figures(double Throughput, double P50, double P95, double P99, double OneP50, int Created, int ServerErrors, int Timeouts, int StoredOnce, int Lost, double AppCpuMs, double StorageCpuMs);

    public static async Task Run(string baselineCommit, int count, int concurrency, int rounds, bool dailyNotices = false)
    {
        DailyNotices = dailyNotices;
        var builds = new[] { new Build($"before ({baselineCommit})", await Publish(baselineCommit), Source(baselineCommit)), new Build("now (working tree)", await Publish(null), RepoPaths.Root) };
        var results = builds.ToDictionary(b => b.Label, _ => new List<Figures>());
        Console.WriteLine($"{Environment.ProcessorCount} cores; {rounds} rounds of {count} submissions at {concurrency} concurrent, 60 s client timeout{(dailyNotices ? "; new-case notices in the morning digest" : "")}");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var build in round % 2 == 0 ? builds : builds.Reverse())
            {
                var f = await Measure(build, count, concurrency);
                results[build.Label].Add(f);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round + 1} {build.Label,-22} {f.Throughput,6:0.0} req/s  p50 {f.P50,6:0} p95 {f.P95,6:0} p99 {f.P99,6:0} ms  one at a time p50 {f.OneP50,5:0.0} ms  201 {f.Created}  5xx {f.ServerErrors}  timeouts {f.Timeouts} (stored once {f.StoredOnce}, lost {f.Lost})  CPU per submission: app {f.AppCpuMs:0.0} ms, Azurite {f.StorageCpuMs:0.0} ms"));
            }
        }

        double Median(IEnumerable<double> xs)
        {
            var s = xs.Order().ToList();
            return s[s.Count / 2];
        }

        var (before, now) = (results[builds[0].Label], results[builds[1].Label]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median over rounds: throughput {Median(before.Select(f => f.Throughput)):0.0} → {Median(now.Select(f => f.Throughput)):0.0} req/s ({Median(now.Select(f => f.Throughput)) / Median(before.Select(f => f.Throughput)):0.00}×), " +
            $"p99 {Median(before.Select(f => f.P99)):0} → {Median(now.Select(f => f.P99)):0} ms, one at a time p50 {Median(before.Select(f => f.OneP50)):0.0} → {Median(now.Select(f => f.OneP50)):0.0} ms; " +
            $"per round now/before throughput {string.Join(" ", before.Zip(now).Select(p => (p.Second.Throughput / p.First.Throughput).ToString("0.00", CultureInfo.InvariantCulture)))}"));

        foreach (var build in builds)
        {
            await CountRequests(build);
        }
    }

    private static string Source(string commit) => Path.Combine(Path.GetTempPath(), $"hf-intake-src-{commit}");

    /// <summary>Publishes a commit (from a worktree of it) or the working tree; a commit's build is kept between runs.</summary>
    private static async Task<string> Publish(string? commit)
    {
        var root = RepoPaths.Root;
        var source = root;
        var output = Path.Combine(Path.GetTempPath(), $"hf-intake-{commit ?? "current"}");
        if (commit is not null)
        {
            source = Source(commit);
            if (File.Exists(Path.Combine(output, "Helsefellesskap.Functions.dll")))
            {
                return Path.Combine(output, "Helsefellesskap.Functions.dll");
            }

            if (!Directory.Exists(source))
            {
                await Exec("git", root, "worktree", "add", "--detach", source, commit);
            }
        }

        Console.WriteLine($"publishing {commit ?? "the working tree"} to {output} …");
        await Exec("dotnet", source, "publish", "functions/Helsefellesskap.Functions", "-c", "Release", "-o", output, "-p:PublishReadyToRun=false", "--nologo", "-v", "q");
        return Path.Combine(output, "Helsefellesskap.Functions.dll");
    }

    private static async Task Exec(string file, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed:\n{await output}\n{await errors}");
        }
    }

    /// <summary>The build on its own, as a process, on the given storage; answers once it takes a submission.</summary>
    private static async Task<(Process Process, HttpClient Http)> Start(Build build, string storage, int concurrency)
    {
        var url = $"http://127.0.0.1:{Azurite.FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(build.Dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(build.Dll);
        var settings = AppFixture.Settings(storage, url);
        settings["Community:Definition"] = Presets.Path("helgeland");
        settings["Community:SeedDemoData"] = "true"; // the earlier build's way to have the SSU
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Documents:TemplatesPath"] = Path.Combine(build.Source, "templates");
        if (DailyNotices)
        {
            settings["Secretariat:NewCases"] = "Daily";
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Console.Error.WriteLine($"    [{build.Label}] {line}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var warm = await http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()));
                if (warm.StatusCode == HttpStatusCode.Created)
                {
                    return (process, http);
                }
            }
            catch (HttpRequestException)
            {
            }

            if (deadline.Elapsed > TimeSpan.FromSeconds(90) || process.HasExited)
            {
                throw new InvalidOperationException($"{build.Label} did not take a submission within 90 s");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<Figures> Measure(Build build, int count, int concurrency)
    {
        await using var azurite = await Azurite.Start();
        var (process, http) = await Start(build, azurite.ConnectionString, concurrency);
        try
        {
            for (var i = 0; i < 10; i++)
            {
                (await http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()))).EnsureSuccessStatusCode();
            }

            var one = new List<double>();
            for (var i = 0; i < 50; i++)
            {
                var watch = Stopwatch.StartNew();
                (await http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()))).EnsureSuccessStatusCode();
                one.Add(watch.Elapsed.TotalMilliseconds);
            }

            var latencies = new ConcurrentBag<double>();
            var (created, serverErrors) = (0, 0);
            using var storageProcess = Process.GetProcessById(azurite.ProcessId);
            var (appCpu, storageCpu) = (Cpu(process), Cpu(storageProcess));
            var timedOut = new ConcurrentBag<(string Key, string Title)>();
            var next = -1;
            var all = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < count)
                {
                    var (key, title) = ($"ab-{n}-{Guid.NewGuid():N}", $"Sammenligning {n}");
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var response = await Send(http, key, title);
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                        _ = response.StatusCode == HttpStatusCode.Created ? Interlocked.Increment(ref created) : 0;
                        _ = (int)response.StatusCode >= 500 ? Interlocked.Increment(ref serverErrors) : 0;
                    }
                    catch (TaskCanceledException)
                    {
                        latencies.Add(watch.Elapsed.TotalMilliseconds);
                        timedOut.Add((key, title));
                    }
                }
            }));
            var seconds = all.Elapsed.TotalSeconds;

            // The CPU both processes spent on the submissions, the work after the answers included: until the app is quiet.
            for (var last = Cpu(process); ; last = Cpu(process))
            {
                await Task.Delay(1000);
                if (Cpu(process) - last < 30)
                {
                    break;
                }
            }

            (appCpu, storageCpu) = (Cpu(process) - appCpu, Cpu(storageProcess) - storageCpu);

            // A client that gave up tries again with its key: the case is there once, or it is stored now.
            var (storedOnce, lost) = (0, 0);
            foreach (var (key, title) in timedOut)
            {
                using var again = await Send(http, key, title);
                _ = again.StatusCode == HttpStatusCode.Created ? storedOnce++ : lost++;
            }

            var sorted = latencies.Order().ToList();
            double At(List<double> s, double q) => s[(int)Math.Min(s.Count - 1, Math.Round(q * (s.Count - 1)))];
            return new Figures(created / seconds, At(sorted, 0.5), At(sorted, 0.95), At(sorted, 0.99), At(one.Order().ToList(), 0.5), created, serverErrors, timedOut.Count, storedOnce, lost, appCpu / count, storageCpu / count);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
            http.Dispose();
        }
    }

    private static double Cpu(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string key, string title)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = Submissions.AsJson(Submissions.Valid(title)) };
        request.Headers.Add("Idempotency-Key", key);
        return http.SendAsync(request);
    }

    /// <summary>The storage requests of one submission, by kind, through a counting proxy in front of Azurite.</summary>
    private static async Task CountRequests(Build build)
    {
        await using var azurite = await Azurite.Start();
        await using var proxy = await StorageProxy.Start(azurite.ConnectionString);
        var (process, http) = await Start(build, proxy.ConnectionString, 1);
        try
        {
            for (var i = 0; i < 5; i++)
            {
                (await http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()))).EnsureSuccessStatusCode();
            }

            await Task.Delay(3000);
            proxy.Reset();
            const int Counted = 20;
            var during = new Dictionary<string, int>();
            var after = new Dictionary<string, int>();
            static void Add(Dictionary<string, int> into, IReadOnlyDictionary<string, int> from, IReadOnlyDictionary<string, int> to)
            {
                foreach (var (kind, n) in to)
                {
                    into[kind] = into.GetValueOrDefault(kind) + n - from.GetValueOrDefault(kind);
                }
            }

            for (var i = 0; i < Counted; i++)
            {
                var before = proxy.Snapshot();
                using var response = await Send(http, $"count-{i}-{Guid.NewGuid():N}", $"Telling {i}");
                response.EnsureSuccessStatusCode();
                var answered = proxy.Snapshot();
                await Task.Delay(1000); // what the app does after the answer, before the next submission
                Add(during, before, answered);
                Add(after, answered, proxy.Snapshot());
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"storage requests of one submission (JSON, Idempotency-Key), {build.Label}: {during.Values.Sum() / (double)Counted:0.0} while answering, {after.Values.Sum() / (double)Counted:0.0} in the second after the answer"));
            foreach (var kind in during.Keys.Union(after.Keys).Where(k => during.GetValueOrDefault(k) + after.GetValueOrDefault(k) > 0).Order(StringComparer.Ordinal))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {kind,-40} {during.GetValueOrDefault(kind) / (double)Counted,5:0.00} while answering  {after.GetValueOrDefault(kind) / (double)Counted,5:0.00} after"));
            }
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
            http.Dispose();
        }
    }
}
