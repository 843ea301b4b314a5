using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>Reading and moving the meetings' cycles of an app under the real Functions host, over HTTP as the secretariat and the dev clock do.</summary>
internal static class HostedCycles
{
    /// <summary>The fixture's settings on this Azurite, the clock at the fixture's start; only the first host loads the definition.</summary>
    public static Dictionary<string, string?> Settings(Azurite azurite, bool loadDefinition, string version = "1.0")
    {
        var settings = loadDefinition ? AppFixture.Settings(azurite.ConnectionString, "") : AppFixture.SettingsOfAnother(azurite.ConnectionString, "");
        settings["DevClock:Start"] = AppFixture.Start.ToString("O");

        // A deployment of the next version of the orchestrator: host.json's defaultVersion, overridden as app settings do.
        settings["AzureFunctionsJobHost:extensions:durableTask:defaultVersion"] = version;
        return settings;
    }

    public static async Task<JsonElement> CycleOf(FunctionsHost host, string meetingId)
    {
        using var response = await host.Http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, $"/api/meetings/{meetingId}/cycle"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string StatusOf(JsonElement cycle, string step) =>
        cycle.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == step).GetProperty("status").GetString()!;

    /// <summary>The step the cycle waits for next, and when (null when it has run its course).</summary>
    public static (string Step, DateTimeOffset DueAt)? Next(JsonElement cycle) =>
        cycle.GetProperty("next") is { ValueKind: JsonValueKind.Object } next ? (next.GetProperty("step").GetString()!, next.GetProperty("dueAt").GetDateTimeOffset()) : null;

    /// <summary>
    /// Sets the dev clock; the answer comes when the orchestrations it woke have run what was due, or after 40 s with
    /// how many have not: then the same time is set again, up to five times (a host that took over after a kill -9
    /// waits for the killed one's leases first, and an activity the host fails is retried after 15 s, then 30 s, then 60 s).
    /// </summary>
    public static Task SetClock(FunctionsHost host, DateTimeOffset now) => SetClock([host], now);

    /// <summary>Sets the dev clock of each host (each worker has its own), at once.</summary>
    public static Task SetClock(FunctionsHost[] hosts, DateTimeOffset now) => Task.WhenAll(hosts.Select(h => SetClockOf(h, now, hosts)));

    /// <param name="all">Every host on the task hub: a failure shows the end of each one's log (the activity may be on another).</param>
    private static async Task SetClockOf(FunctionsHost host, DateTimeOffset now, FunctionsHost[] all)
    {
        var stillDue = "(not set)";
        for (var i = 0; i < 5 && stillDue != ""; i++)
        {
            using var answer = await host.Http.PostAsJsonAsync("/api/dev/clock", new { now });
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
            stillDue = string.Join(", ", JsonDocument.Parse(body).RootElement.GetProperty("stillDue").EnumerateArray().Select(e => e.GetString()));
        }

        Assert.True(stillDue == "", $"Cycles with a step due at {now:O} that their orchestrations did not run: {stillDue}\n"
            + string.Join("\n", all.Select((h, n) => $"--- host {n + 1} of {all.Length}{(h == host ? " (this clock)" : "")}:\n{string.Join('\n', h.Log.Split('\n').TakeLast(150))}")));
    }

    /// <summary>Reads until done, for up to 2 minutes: after kill -9 the new hosts wait for the killed one's leases on
    /// the task hub's queues to run out (about 30 s) before they take its orchestrations.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, string what)
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

    /// <summary>
    /// Moves the hosts' dev clocks to each next step of these meetings in turn, up to <paramref name="target"/>; before a
    /// meeting's minutes draft is due, the secretariat records (once, noted in <paramref name="recorded"/>) that the
    /// meeting was held with every SSU member present.
    /// </summary>
    public static async Task WalkTo(FunctionsHost[] hosts, IReadOnlyList<string> meetingIds, DateTimeOffset target, HashSet<string> recorded)
    {
        while (true)
        {
            var next = new List<(string Meeting, DateOnly Date, string Step, DateTimeOffset DueAt)>();
            foreach (var id in meetingIds)
            {
                var cycle = await CycleOf(hosts[0], id);
                if (Next(cycle) is { } step && step.DueAt <= target)
                {
                    next.Add((id, DateOnly.Parse(cycle.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture), step.Step, step.DueAt));
                }
            }

            if (next.Count == 0)
            {
                await SetClock(hosts, target);
                return;
            }

            var first = next.MinBy(n => n.DueAt);
            if (first.Step == "MinutesDraft" && recorded.Add(first.Meeting))
            {
                await SetClock(hosts, Functions.Common.Oslo.At(first.Date, new TimeOnly(15, 0)));
                var present = new[] { "k1", "k2", "k3", "k4", "k5", "k6", "k7", "h1", "h2", "h3", "h4", "h5", "h6", "h7" };
                using var outcome = await hosts[0].Http.SendAsync(AppFixture.Secretariat(HttpMethod.Put, $"/api/meetings/{first.Meeting}/outcome", new { present, items = Array.Empty<object>() }));
                Assert.True(outcome.StatusCode == HttpStatusCode.OK, await outcome.Content.ReadAsStringAsync());
            }

            await SetClock(hosts, first.DueAt);
        }
    }

    /// <summary>The outbox rows whose message id starts with <paramref name="prefix"/>.</summary>
    public static List<TableEntity> Rows(TableClient outbox, string prefix) => RowsWhere(outbox, id => id.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The outbox rows of every email about the meeting (its id after a dot in the message id).</summary>
    public static List<TableEntity> RowsOfMeeting(TableClient outbox, string meetingId) => RowsWhere(outbox, id => id.Contains($".{meetingId}", StringComparison.Ordinal));

    private static List<TableEntity> RowsWhere(TableClient outbox, Func<string, bool> messageId) =>
        outbox.Query<TableEntity>(e => e.PartitionKey == "email").Where(e => messageId(e.RowKey)).ToList();
}
