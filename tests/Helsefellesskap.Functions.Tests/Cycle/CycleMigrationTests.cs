using System.Formats.Tar;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using static Helsefellesskap.Functions.Tests.Cycle.HostedCycles;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// Cycles running under the previous engine are taken over by the orchestrations (ADR 0019): today's version starts
/// under the real Functions host on storage written by the last version whose own ticker moved the cycles (commit
/// bee7d70; Cycle/Fixtures/storage-bee7d70.tar.gz, made by scripts/storage-of-an-earlier-version.sh: Helgeland's SSU, the
/// clock walked through the cycle of the 11 February 2027 meeting to just after its summons). Each current cycle gets
/// its orchestration at its current step, nothing done before is done again, and the cycle runs to its end.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CycleMigrationTests
{
    private const string MeetingId = "ssu-2027-02-11";

    [Fact]
    public async Task CyclesStoredByTheTickerVersion_AreTakenOverAtTheirCurrentStep_AndFinishOnce()
    {
        var folder = Directory.CreateTempSubdirectory("storage-bee7d70-").FullName;
        try
        {
            await using (var archive = new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Cycle", "Fixtures", "storage-bee7d70.tar.gz")), CompressionMode.Decompress))
            {
                await TarFile.ExtractToDirectoryAsync(archive, folder, overwriteFiles: false);
            }

            await using var azurite = await Azurite.StartKeepingDataIn(folder);
            var outbox = new TableClient(azurite.ConnectionString, StorageNames.Outbox);
            var before = RowsOfMeeting(outbox, MeetingId).ToDictionary(r => r.RowKey, r => r.ETag);
            Assert.Equal(28, before.Keys.Count(k => k.StartsWith($"summons.{MeetingId}.", StringComparison.Ordinal)));

            var settings = Settings(azurite, loadDefinition: true);
            settings["DevClock:Start"] = "2027-02-04T09:00:00+01:00";
            await using var host = await FunctionsHost.Start(FunctionsHost.AppOutput, settings, azurite.ConnectionString);

            // The first tick starts the orchestration of each current cycle; this one stands where the old engine left it.
            await SetClock(host, new DateTimeOffset(2027, 2, 4, 9, 5, 0, TimeSpan.FromHours(1)));
            var taken = await Until(() => CycleOf(host, MeetingId), c => c.GetProperty("orchestration").GetString() == "Running", "No orchestration took the cycle over.");
            Assert.Equal(("MinutesDraft", "1.0"), (Next(taken)?.Step, taken.GetProperty("orchestrationVersion").GetString()));
            Assert.Equal(["done", "done", "done", "done", "pending", "pending", "pending"], taken.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()));

            await WalkTo([host], [MeetingId], new DateTimeOffset(2027, 2, 26, 12, 0, 0, TimeSpan.FromHours(1)), []);
            var done = await CycleOf(host, MeetingId);
            Assert.Null(Next(done));
            Assert.All(done.GetProperty("steps").EnumerateArray(), s => Assert.Equal("done", s.GetProperty("status").GetString()));

            // What the old engine sent stands untouched (same ETag); what came after went once each.
            var after = RowsOfMeeting(outbox, MeetingId);
            Assert.All(before, b => Assert.Equal(b.Value, after.Single(a => a.RowKey == b.Key).ETag));
            var added = after.Where(a => !before.ContainsKey(a.RowKey)).ToList();
            foreach (var kind in new[] { "minutes-draft-v1.", "minutes-approved.", "published." })
            {
                Assert.Contains(added, a => a.RowKey.StartsWith(kind + MeetingId, StringComparison.Ordinal));
            }

            Assert.All(added, a => Assert.Equal(("Sent", 1), (a.GetString("State"), a.GetInt32("Attempts"))));
            // The public feed links the published minutes (in the public blob container), and they are a PDF.
            var feed = await host.Http.GetFromJsonAsync<JsonElement>("/api/offentlig/ssu/referater.json");
            var item = Assert.Single(feed.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString() == "Referat fra møte torsdag 11. februar 2027");
            var url = item.GetProperty("url").GetString()!;
            using var web = new HttpClient();
            using var minutes = await web.GetAsync(url);
            Assert.True(minutes.IsSuccessStatusCode, $"{url}: {(int)minutes.StatusCode}");
            Assert.Equal(("application/pdf", "%PDF"), (minutes.Content.Headers.ContentType?.MediaType, System.Text.Encoding.ASCII.GetString((await minutes.Content.ReadAsByteArrayAsync())[..4])));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
