using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// Each meeting's cycle as a Durable orchestration under the real Functions host (ADR 0019), on an Azurite of its own
/// (the orchestrations would otherwise run the shared fixture's meetings): the orchestrations start for the cycles
/// the community's definition planned, survive kill -9 of host and worker, continue on their version after the next
/// version is deployed, and with two hosts on one task hub the summons goes to every member once; the history of a
/// meeting's orchestration stays a few rows.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class MeetingCycleOrchestrationTests
{
    /// <summary>The fixture's settings on this Azurite, the clock at the fixture's start; only the first host loads the definition.</summary>
    private static Dictionary<string, string?> Settings(Azurite azurite, bool loadDefinition, string version = "1.0")
    {
        var settings = loadDefinition ? AppFixture.Settings(azurite.ConnectionString, "") : AppFixture.SettingsOfAnother(azurite.ConnectionString, "");
        settings["DevClock:Start"] = AppFixture.Start.ToString("O");

        // A deployment of the next version of the orchestrator: host.json's defaultVersion, overridden as app settings do.
        settings["AzureFunctionsJobHost:extensions:durableTask:defaultVersion"] = version;
        return settings;
    }

    private static async Task<JsonElement> Cycle(FunctionsHost host, string meetingId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{meetingId}/cycle");
        request.Headers.Add("x-functions-key", AppFixture.SecretariatKey);
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string StatusOf(JsonElement cycle, string step) =>
        cycle.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == step).GetProperty("status").GetString()!;

    private static async Task SetClock(FunctionsHost host, DateTimeOffset now)
    {
        using var answer = await host.Http.PostAsJsonAsync("/api/dev/clock", new { now });
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    /// <summary>Reads until done, for up to 2 minutes: after kill -9 the new hosts wait for the killed one's leases on
    /// the task hub's queues to run out (about 30 s) before they take its orchestrations.</summary>
    private static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var value = await read();
        for (var i = 0; i < 600 && !done(value); i++)
        {
            await Task.Delay(200);
            value = await read();
        }

        Assert.True(done(value), what);
        return value;
    }

    [Fact]
    public async Task TheCycleRunsInItsOrchestration_ThroughKillMinus9_AndOnceWithTwoHosts()
    {
        await using var azurite = await Azurite.Start();
        const string meetingId = "ssu-2026-12-10";
        var first = await FunctionsHost.Start(FunctionsHost.AppOutput, Settings(azurite, loadDefinition: true), azurite.ConnectionString);
        try
        {
            // The definition planned the cycle at start (no Durable client then); the first tick starts its orchestration.
            await SetClock(first, AppFixture.Start);
            var cycle = await Until(() => Cycle(first, meetingId), c => c.GetProperty("orchestration").GetString() == "Running" && c.GetProperty("orchestrationVersion").ValueKind == JsonValueKind.String, "No orchestration runs the cycle.");
            Assert.Equal("pending", StatusOf(cycle, "Summons"));
            Assert.Equal("1.0", cycle.GetProperty("orchestrationVersion").GetString());
        }
        finally
        {
            first.Kill(); // kill -9 of the launcher, the host and the worker at once: nothing of them runs to clean up
            await first.DisposeAsync();
        }

        // Version 2.0 deployed on two hosts on the same storage and task hub; the summons' time comes on both clocks,
        // and both wake the cycle, which goes on as the 1.0 instance it is.
        await using var one = await FunctionsHost.Start(FunctionsHost.AppOutput, Settings(azurite, loadDefinition: false, version: "2.0"), azurite.ConnectionString);
        await using var two = await FunctionsHost.Start(FunctionsHost.AppOutput, Settings(azurite, loadDefinition: false, version: "2.0"), azurite.ConnectionString);
        var summons = new DateTimeOffset(2026, 12, 3, 8, 5, 0, TimeSpan.FromHours(1));
        await Task.WhenAll(SetClock(one, summons), SetClock(two, summons));
        var done = await Until(() => Cycle(one, meetingId), c => StatusOf(c, "Summons") == "done", "The summons step did not run after the clock passed it.");
        Assert.Equal("Running", done.GetProperty("orchestration").GetString()); // waiting for the minutes draft
        Assert.Equal("1.0", done.GetProperty("orchestrationVersion").GetString());

        // A meeting put on the plan now gets an orchestration of the deployed version.
        using (var plan = new HttpRequestMessage(HttpMethod.Post, "/api/bodies/ssu/meetings") { Content = JsonContent.Create(new { meetings = new[] { new { date = "2028-01-20", location = "Mosjøen" } } }) })
        {
            plan.Headers.Add("x-functions-key", AppFixture.SecretariatKey);
            using var planned = await one.Http.SendAsync(plan);
            Assert.True(planned.StatusCode == HttpStatusCode.Created, await planned.Content.ReadAsStringAsync());
        }

        var fresh = await Until(() => Cycle(one, "ssu-2028-01-20"), c => c.GetProperty("orchestrationVersion").ValueKind == JsonValueKind.String, "The new meeting has no orchestration.");
        Assert.Equal("2.0", fresh.GetProperty("orchestrationVersion").GetString());

        // Every member and deputy got the summons once: one attempt each, sent.
        var outbox = new TableClient(azurite.ConnectionString, Functions.Storage.StorageNames.Outbox);
        var rows = await Until(
            () => Task.FromResult(outbox.Query<TableEntity>(e => e.PartitionKey == "email").Where(e => e.RowKey.StartsWith($"summons.{meetingId}.", StringComparison.Ordinal)).ToList()),
            r => r.Count > 0 && r.All(e => e.GetString("State") != "Pending"),
            "The summons were not sent.");
        Assert.True(rows.Count >= 14, $"{rows.Count} summons");
        Assert.All(rows, r => Assert.Equal(("Sent", 1), (r.GetString("State"), r.GetInt32("Attempts"))));

        // Started anew after each wake-up: the history holds the last run, not the whole cycle.
        var history = new TableClient(azurite.ConnectionString, "HelsefellesskapCyclesHistory");
        var events = history.Query<TableEntity>(e => e.PartitionKey == meetingId).Count();
        Assert.InRange(events, 1, 40);
    }
}
