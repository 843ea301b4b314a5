using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using static Helsefellesskap.Functions.Tests.Cycle.HostedCycles;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// Each meeting's cycle as a Durable orchestration under the real Functions host (ADR 0019), on an Azurite of its own
/// (the orchestrations would otherwise run the shared fixture's meetings), through kill -9 of host and worker between
/// any two steps, a deployment of the next version mid-cycle, and two hosts on one task hub.
/// <para>
/// Six SSU meetings are walked on the dev clock so that at the moment of the kill each stands at another place in its
/// cycle: after the deadline reminder, after the case deadline, in the middle of its summons (the kill comes as soon
/// as the summons step has written its first email), after the summons, after the minutes draft, and done. Version
/// 2.0 then comes up on two hosts, which walk every cycle to its end: each step ran once, each email was handed over
/// once, nothing was lost, and the cycles begun on 1.0 finished as 1.0. (Approval and publication follow each other
/// in one wake-up — approval moves publication to "at once" — so the kill between those two is a kill inside a step,
/// which StepCrashTests covers write by write.)
/// </para>
/// <para>
/// It runs in the app collection although it shares nothing with the shared app: run beside it, under the extra load,
/// the two hosts' dev clocks were once set far enough apart for an email's claim, dated by one host's clock, to look
/// lapsed to the other, which then asked the provider and tried it a second time.
/// </para>
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class MeetingCycleOrchestrationTests
{
    private static DateTimeOffset Oslo(int month, int day, int hour, int minute = 0) =>
        new(2027, month, day, hour, minute, 0, Functions.Common.Oslo.Zone.GetUtcOffset(new DateTime(2027, month, day, hour, minute, 0)));

    /// <summary>
    /// Where each meeting stands when the host is killed (Tuesday 2 March 2027, 08:00: the 9 March meeting's summons
    /// time): the definition's February meeting, and five more (extraordinary: the SSU has its 6 ordinary a year).
    /// </summary>
    private static readonly (DateOnly Date, string WaitsFor)[] Meetings =
    [
        (new(2027, 3, 23), "CaseDeadline"),
        (new(2027, 3, 18), "FreezeCheck"),
        (new(2027, 3, 9), "Summons"),
        (new(2027, 3, 4), "MinutesDraft"),
        (new(2027, 2, 25), "Approval"),
        (new(2027, 2, 11), ""),
    ];

    private static string Id(DateOnly date) => date == new DateOnly(2027, 2, 11) ? "ssu-2027-02-11" : $"ssu-{date:yyyy-MM-dd}-ekstra";

    private static readonly string[] MeetingIds = Meetings.Select(m => Id(m.Date)).ToArray();

    private static string? Orchestration(JsonElement cycle, string property) => cycle.GetProperty(property).GetString();

    [Fact]
    public async Task KilledBetweenAnyTwoSteps_ThenTheNextVersionOnTwoHosts_EveryCycleFinishes_EachStepAndEmailOnce()
    {
        await using var azurite = await Azurite.Start();
        var killAt = Oslo(3, 2, 8);
        var recorded = new HashSet<string>();
        // The host to be killed takes activities with a 20 s visibility timeout instead of host.json's minute, so the
        // activity it is cut off in is handed out again after 20 s (the new hosts wait ~30 s for its leases anyway);
        // ADR 0019 §7 measured the minute.
        var killedSettings = Settings(azurite, loadDefinition: true);
        killedSettings["AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout"] = "00:00:20";
        var first = await FunctionsHost.Start(FunctionsHost.AppOutput, killedSettings, azurite.ConnectionString);
        try
        {
            // The definition planned its cycles at start (no Durable client then); the first tick starts their orchestrations.
            await SetClock(first, AppFixture.Start);
            var planned = await Until(() => CycleOf(first, "ssu-2026-12-10"), c => Orchestration(c, "orchestration") == "Running", "No orchestration runs the cycle.");
            Assert.Equal(("Running", "1.0"), (Orchestration(planned, "orchestration"), Orchestration(planned, "orchestrationVersion")));

            await SetClock(first, Oslo(1, 4, 9));
            using (var plan = await first.Http.SendAsync(AppFixture.Secretariat(HttpMethod.Post, "/api/bodies/ssu/meetings",
                       new { meetings = Meetings.SkipLast(1).Select(m => new { date = m.Date.ToString("yyyy-MM-dd"), start = "10:00", end = "14:00", location = "Mosjøen", kind = "extraordinary" }) })))
            {
                Assert.True(plan.StatusCode == HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
            }

            await WalkTo([first], MeetingIds, killAt.AddMinutes(-1), recorded);
            foreach (var (date, waitsFor) in Meetings)
            {
                Assert.Equal(waitsFor, Next(await CycleOf(first, Id(date)))?.Step ?? "");
            }

            // The summons' time comes; as soon as the step has written its first email, the host and worker die.
            var outbox = new TableClient(azurite.ConnectionString, StorageNames.Outbox);
            _ = first.Http.PostAsJsonAsync("/api/dev/clock", new { now = killAt }).ContinueWith(t => t.Exception, TaskScheduler.Default);
            await Until(() => Task.FromResult(Rows(outbox, $"summons.{Id(new DateOnly(2027, 3, 9))}.").Count), n => n > 0, "The summons step did not start.");
        }
        finally
        {
            first.Kill(); // kill -9 of the launcher, the host and the worker at once: nothing of them runs to clean up
            await first.DisposeAsync();
        }

        // Version 2.0 deployed on two hosts on the same storage and task hub; both clocks move on together.
        await using var one = await FunctionsHost.Start(FunctionsHost.AppOutput, Settings(azurite, loadDefinition: false, version: "2.0"), azurite.ConnectionString);
        await using var two = await FunctionsHost.Start(FunctionsHost.AppOutput, Settings(azurite, loadDefinition: false, version: "2.0"), azurite.ConnectionString);
        await WalkTo([one, two], MeetingIds, killAt.AddMinutes(1), recorded);
        var resumed = await CycleOf(one, Id(new DateOnly(2027, 3, 9)));
        Assert.Equal("done", StatusOf(resumed, "Summons"));
        Assert.Equal(("Running", "1.0"), (Orchestration(resumed, "orchestration"), Orchestration(resumed, "orchestrationVersion")));

        // A meeting put on the plan now gets an orchestration of the deployed version.
        using (var plan = await one.Http.SendAsync(AppFixture.Secretariat(HttpMethod.Post, "/api/bodies/ssu/meetings", new { meetings = new[] { new { date = "2028-01-20", location = "Mosjøen" } } })))
        {
            Assert.True(plan.StatusCode == HttpStatusCode.Created, await plan.Content.ReadAsStringAsync());
        }

        var fresh = await Until(() => CycleOf(one, "ssu-2028-01-20"), c => c.GetProperty("orchestrationVersion").ValueKind == JsonValueKind.String, "The new meeting has no orchestration.");
        Assert.Equal("2.0", Orchestration(fresh, "orchestrationVersion"));

        await WalkTo([one, two], MeetingIds, Oslo(4, 30, 12), recorded);

        // Every step of every cycle ran, once: the cycle is done.
        foreach (var (date, _) in Meetings)
        {
            var cycle = await CycleOf(one, Id(date));
            Assert.Null(Next(cycle));
            Assert.All(cycle.GetProperty("steps").EnumerateArray(), s => Assert.Equal("done", s.GetProperty("status").GetString()));
        }

        // Each email of these cycles was handed over once: at the first attempt, except the summons the kill cut off
        // (claimed, not settled), tried once more after the claim ran out, when the outbox first asks the provider
        // whether the cut-off attempt had reached it. The summons cut off reached every member and deputy, as the one
        // sent the week before did: every message is in the local provider's outbox.
        var killed = $"summons.{Id(new DateOnly(2027, 3, 9))}.";
        var table = new TableClient(azurite.ConnectionString, StorageNames.Outbox);
        var rows = Meetings.SelectMany(m => RowsOfMeeting(table, Id(m.Date))).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("Sent", r.GetString("State")));
        Assert.All(rows, r => Assert.True(r.GetInt32("Attempts") == 1 || (r.RowKey.StartsWith(killed, StringComparison.Ordinal) && r.GetInt32("Attempts") == 2), $"{r.RowKey}: {r.GetInt32("Attempts")} attempts"));
        var summonsBefore = Rows(table, $"summons.{Id(new DateOnly(2027, 3, 4))}.").Count;
        Assert.True(summonsBefore >= 14, $"{summonsBefore} summons");
        Assert.Equal(summonsBefore, Rows(table, killed).Count);
        var delivered = await one.Http.GetFromJsonAsync<JsonElement>($"/api/dev/outbox?prefix={killed}");
        Assert.Equal(summonsBefore, delivered.GetArrayLength());
        foreach (var kind in new[] { "summons", "minutes-draft-v1", "minutes-approved", "published" })
        {
            Assert.All(Meetings, m => Assert.NotEmpty(Rows(table, $"{kind}.{Id(m.Date)}.")));
        }

        // Started anew after each wake-up: the history holds the last run, not the whole cycle.
        var history = new TableClient(azurite.ConnectionString, "HelsefellesskapCyclesHistory");
        Assert.All(Meetings, m => Assert.InRange(history.Query<TableEntity>(e => e.PartitionKey == Id(m.Date)).Count(), 1, 40));
    }
}
