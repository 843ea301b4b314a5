using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Many submissions at once against a real Azurite: every one answered without a 5xx, every case
/// stored once, every receipt recorded once. Prints throughput and latency percentiles, and the
/// counts it checked. Method: N JSON submissions, each with its own Idempotency-Key, from C
/// concurrent clients on loopback; a client that gets a 503 or a 409 (in progress) waits and retries
/// with the same key, as a real client would; then one tick (the receipt sweep), then the tables are read.
/// </summary>
public static class LoadBenchmark
{
    public static async Task Run(int count, int concurrency)
    {
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                (await fixture.Http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()))).EnsureSuccessStatusCode();
            }

            var before = await Count(fixture);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = fixture.Http.BaseAddress };
            var latencies = new ConcurrentBag<double>();
            var statuses = new ConcurrentDictionary<int, int>();
            var ids = new ConcurrentDictionary<string, string>();
            var retries = 0;
            var next = -1;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < count)
                {
                    var key = $"last-{n}-{Guid.NewGuid():N}";
                    for (var attempt = 0; ; attempt++)
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = Submissions.AsJson(Submissions.Valid($"Lasttest {n}")) };
                        request.Headers.Add("Idempotency-Key", key);
                        var one = Stopwatch.StartNew();
                        using var response = await http.SendAsync(request);
                        latencies.Add(one.Elapsed.TotalMilliseconds);
                        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                        if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict && attempt < 20)
                        {
                            Interlocked.Increment(ref retries);
                            await Task.Delay(200);
                            continue;
                        }

                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            ids[key] = json.RootElement.GetProperty("id").GetString()!;
                        }

                        break;
                    }
                }
            }));
            watch.Stop();

            await fixture.App.Services.GetRequiredService<CycleRunner>().Tick();
            var after = await Count(fixture);
            var created = ids.Values.Distinct().ToList();
            var receipts = 0;
            var outbox = fixture.App.Services.GetRequiredService<EmailOutbox>();
            foreach (var id in created)
            {
                receipts += await outbox.StateOf(MessageIds.CaseReceipt(id)) is null ? 0 : 1;
            }

            var sorted = latencies.Order().ToList();
            double At(double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Round(q * (sorted.Count - 1)))];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"load: {count} submissions, {concurrency} concurrent, {watch.Elapsed.TotalSeconds:0.0} s, {count / watch.Elapsed.TotalSeconds:0.0} submissions/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  latency per request: p50 {At(0.5):0} ms, p95 {At(0.95):0} ms, p99 {At(0.99):0} ms, worst {sorted[^1]:0} ms ({sorted.Count} requests, {retries} retries)"));
            Console.WriteLine("  answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
            Console.WriteLine($"  5xx answers: {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}; submissions without a case: {count - ids.Count}; cases stored: {after - before} for {created.Count} distinct ids; receipts recorded: {receipts} of {created.Count}");
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task<int> Count(AppFixture fixture)
    {
        var table = await fixture.Storage.Table(StorageNames.Cases);
        var n = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>("PartitionKey eq 'case'", select: ["RowKey"]))
        {
            n++;
        }

        return n;
    }
}
