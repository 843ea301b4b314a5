using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// A real kill -9 in the middle of intake. Method: the app runs in a child process (this program with
/// "serve") on a real Azurite that keeps running; N JSON submissions, each with its own
/// Idempotency-Key, come from C concurrent clients; once K answers have come the child is killed with
/// SIGKILL and started again on the same storage. A client whose connection breaks, or that gets a 503
/// or a 409 (a reservation of the dead process), waits and retries with the same key and body, as a real
/// client would. After the restart the clock moves past the reservation lease (2 minutes); when every
/// submission has its 201, the clock moves past the email claim lease (5 minutes) and one tick sweeps
/// receipts and sends what is pending; then the tables and the outbox files are read: each key must have exactly
/// one case, and each case exactly one receipt, sent.
/// </summary>
public static class KillBenchmark
{
    /// <summary>The child: the app on the given storage and address, until killed.</summary>
    public static async Task Serve(string storage, string url)
    {
        var settings = AppFixture.Settings(storage, url);
        var app = await AppFixture.StartApp(settings);
        await Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(app);
    }

    public static async Task Run(int count, int concurrency, int killAfter)
    {
        await using var azurite = await Azurite.Start();
        var url = $"http://127.0.0.1:{Azurite.FreePort()}";
        var child = await StartChild(azurite.ConnectionString, url);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var statuses = new ConcurrentDictionary<string, int>();
        var ids = new ConcurrentDictionary<string, string>();
        var answered = 0;
        var killed = new TaskCompletionSource();
        var restarted = new TaskCompletionSource();
        var next = -1;
        var watch = Stopwatch.StartNew();

        var killer = Task.Run(async () =>
        {
            while (Volatile.Read(ref answered) < killAfter)
            {
                await Task.Delay(5);
            }

            child.Kill();
            await child.WaitForExitAsync();
            killed.SetResult();
            Console.WriteLine($"  killed the app (SIGKILL) after {Volatile.Read(ref answered)} answers, at {watch.Elapsed.TotalSeconds:0.0} s");
            child = await StartChild(azurite.ConnectionString, url);
            (await http.PostAsJsonAsync("/api/dev/clock", new { now = AppFixture.Start.AddMinutes(3) })).EnsureSuccessStatusCode();
            restarted.SetResult();
            Console.WriteLine($"  restarted it on the same storage, clock moved past the reservation lease, at {watch.Elapsed.TotalSeconds:0.0} s");
        });

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                var key = $"krasj-{n}-{Guid.NewGuid():N}";
                var body = Submissions.Valid($"Krasjtest {n}").ToJsonString();
                for (var attempt = 0; ; attempt++)
                {
                    string outcome;
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                        request.Headers.Add("Idempotency-Key", key);
                        using var response = await http.SendAsync(request);
                        outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            ids[key] = json.RootElement.GetProperty("id").GetString()!;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        outcome = "connection lost";
                    }
                    catch (TaskCanceledException)
                    {
                        outcome = "timeout";
                    }

                    statuses.AddOrUpdate(killed.Task.IsCompleted && restarted.Task.IsCompleted ? $"after restart {outcome}" : outcome, 1, (_, c) => c + 1);
                    Interlocked.Increment(ref answered);
                    if (ids.ContainsKey(key))
                    {
                        break;
                    }

                    if (attempt > 200)
                    {
                        Console.WriteLine($"  gave up on {key}: {outcome}");
                        break;
                    }

                    await Task.Delay(killed.Task.IsCompleted && !restarted.Task.IsCompleted ? 500 : 200);
                }
            }
        }));
        await killer;
        watch.Stop();

        // Emails the dead process had claimed are taken over when their claim runs out (5 minutes).
        // Setting the dev clock ticks once.
        (await http.PostAsJsonAsync("/api/dev/clock", new { now = AppFixture.Start.AddMinutes(10) })).EnsureSuccessStatusCode();
        var storage = new StorageClients(Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }), []);
        var cases = await storage.Table(StorageNames.Cases);
        var titles = new List<string>();
        await foreach (var e in cases.QueryAsync<TableEntity>("PartitionKey eq 'case'"))
        {
            titles.Add(e.GetString("Title") ?? "");
        }

        var outbox = await storage.Table(StorageNames.Outbox);
        var receipts = new Dictionary<string, string>();
        await foreach (var e in outbox.QueryAsync<TableEntity>("PartitionKey eq 'email'"))
        {
            if (e.GetString("MessageId") is { } id && id.StartsWith("case-receipt.", StringComparison.Ordinal))
            {
                receipts[id] = e.GetString("State");
            }
        }

        var files = 0;
        await foreach (var _ in (await storage.Container(StorageNames.OutboxContainer)).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "case-receipt.", default))
        {
            files++;
        }

        var distinct = ids.Values.Distinct().ToList();
        var krasj = titles.Where(t => t.StartsWith("Krasjtest ", StringComparison.Ordinal)).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kill: {count} submissions, {concurrency} concurrent, killed after {killAfter} answers; {watch.Elapsed.TotalSeconds:0.0} s in all"));
        Console.WriteLine("  answers: " + string.Join(", ", statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}×{s.Value}")));
        Console.WriteLine($"  submissions with a case: {ids.Count} of {count}; distinct case ids: {distinct.Count}; cases stored: {krasj.Count}; titles stored twice: {krasj.GroupBy(t => t).Count(g => g.Count() > 1)}");
        Console.WriteLine($"  receipts recorded: {distinct.Count(id => receipts.ContainsKey(MessageIds.CaseReceipt(id)))} of {distinct.Count}, sent: {distinct.Count(id => receipts.GetValueOrDefault(MessageIds.CaseReceipt(id)) == "Sent")}; receipt files in the outbox: {files}");
        child.Kill();
        await child.WaitForExitAsync();
    }

    private static async Task<Process> StartChild(string storage, string url)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve", storage, url })
        {
            start.ArgumentList.Add(arg);
        }

        var child = Process.Start(start)!;
        child.OutputDataReceived += (_, _) => { };
        child.ErrorDataReceived += (_, _) => { };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = new Uri(url) };
        for (var i = 0; ; i++)
        {
            try
            {
                if ((await probe.GetAsync("/api/health")).IsSuccessStatusCode)
                {
                    return child;
                }
            }
            catch (HttpRequestException)
            {
            }

            if (child.HasExited || i > 300)
            {
                throw new InvalidOperationException("The app did not start.");
            }

            await Task.Delay(100);
        }
    }
}
