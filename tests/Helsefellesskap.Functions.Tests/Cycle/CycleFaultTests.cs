using System.Text.Json;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// Exactly one email per recipient and step, whatever happens: two tickers racing, a crash between
/// "email recorded" and "email sent", a restart in the middle of a step. Two app instances share one
/// Azurite; SendGrid is a loopback listener that counts every hand-over by outbox id.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CycleFaultTests(AppFixture fixture) : IAsyncLifetime
{
    private readonly RecordingHttpListener sendGrid = new();
    private readonly List<WebApplication> apps = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        sendGrid.Dispose();
    }

    private async Task<WebApplication> Instance(DateTimeOffset now)
    {
        var app = await fixture.StartAnother(settings =>
        {
            settings["Email:SendGridApiKey"] = "SG.test";
            settings["Email:SendGridHost"] = sendGrid.Url;
        });
        app.Services.GetRequiredService<AdjustableClock>().Set(now);
        apps.Add(app);
        return app;
    }

    /// <summary>How many times SendGrid was handed each of this meeting's messages.</summary>
    private Dictionary<string, int> HandOvers(string meetingId) =>
        sendGrid.Requests
            .Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("outboxId").GetString()!)
            .Where(id => id.Contains($".{meetingId}", StringComparison.Ordinal))
            .GroupBy(id => id)
            .ToDictionary(g => g.Key, g => g.Count());

    /// <summary>A body of the test's own with one planned meeting, and the instant its summons is due.</summary>
    private async Task<(CycleTestBody Body, DateTimeOffset SummonsAt)> MeetingAtSummonsTime(DateOnly date)
    {
        fixture.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(fixture, date);
        return (t, CyclePlan.For(t.Meeting, new BodyRules()).Single(s => s.Step == CycleStep.Summons).DueAt);
    }

    private static void AssertEachOnce(Dictionary<string, int> handOvers, Meeting meeting)
    {
        Assert.Equal(28, handOvers.Keys.Count(k => k.StartsWith($"summons.{meeting.Id}.", StringComparison.Ordinal)));
        // The clock jumps to the summons time, so the reminder's deadline has passed: it is not sent at all.
        Assert.Equal(0, handOvers.Keys.Count(k => k.StartsWith($"reminder.{meeting.Id}.", StringComparison.Ordinal)));
        Assert.Equal(1, handOvers.Keys.Count(k => k.StartsWith($"deadline.{meeting.Id}", StringComparison.Ordinal)));
        Assert.All(handOvers, h => Assert.True(h.Value == 1, $"{h.Key} was handed to SendGrid {h.Value} times"));
    }

    [Fact]
    public async Task TwoTickersRacing_SendEachEmailOnce()
    {
        var (t, now) = await MeetingAtSummonsTime(new DateOnly(2027, 3, 4));
        var a = await Instance(now);
        var b = await Instance(now);

        var runs = await Task.WhenAll(
            a.Services.GetRequiredService<CycleRunner>().Advance(t.Meeting.Id, now),
            b.Services.GetRequiredService<CycleRunner>().Advance(t.Meeting.Id, now));
        await Task.WhenAll(a.Services.GetRequiredService<EmailOutbox>().SendPending(), b.Services.GetRequiredService<EmailOutbox>().SendPending());

        Assert.Equal(4, runs.Sum(r => r.StepsRun));
        AssertEachOnce(HandOvers(t.Meeting.Id.Value), t.Meeting);
        var steps = await fixture.Service<CycleStore>().StepsOf(t.Meeting.Id);
        Assert.All(steps.Take(4), s => Assert.NotEqual(StepStatus.Pending, s.Status));
        Assert.Equal(StepStatus.Done, steps.Single(s => s.Step == CycleStep.Summons).Status);
    }

    /// <summary>
    /// The interleaving behind a race: one ticker has run the first step and saved it, and before it moves the
    /// cycle on, another finds the step taken and moves the cycle past it. The step is counted once, by the
    /// one whose move took; the first ticker's move then fails, and it does not count the step.
    /// </summary>
    [Fact]
    public async Task AStepTakenByAnotherTicker_IsCountedOnce_ByTheTickerThatMovesTheCyclePastIt()
    {
        var (t, now) = await MeetingAtSummonsTime(new DateOnly(2027, 3, 25));
        var a = await Instance(now);
        var store = fixture.Service<CycleStore>();
        var before = (await store.Find(t.Meeting.Id))!;
        var first = (await store.StepsOf(t.Meeting.Id)).Single(s => s.Step == before.NextStep);
        Assert.True(await store.UpdatePending(t.Meeting.Id, first.Step, s => s with { Status = StepStatus.Done, DoneAt = now, Outcome = "kjørt av en annen" }));

        var run = await a.Services.GetRequiredService<CycleRunner>().Advance(t.Meeting.Id, now);

        Assert.Equal(4, run.StepsRun);
        Assert.False(await store.Advance(before, null), "the first ticker's move, made from what it read before, must fail");
        Assert.Equal("kjørt av en annen", (await store.StepsOf(t.Meeting.Id)).Single(s => s.Step == first.Step).Outcome);
    }

    [Fact]
    public async Task CrashBetweenRecordingAndSending_SendsEachEmailOnceOnTheNextTick()
    {
        var (t, now) = await MeetingAtSummonsTime(new DateOnly(2027, 3, 11));
        var crashed = await Instance(now);

        // The step records its emails, and the process dies before sending any or moving the cycle on.
        var result = await crashed.Services.GetRequiredService<CycleSteps>().Run(CycleStep.Summons, t.Meeting, t.Body, now, default);
        Assert.Equal(28, result.Messages.Count(m => m.StartsWith("summons.", StringComparison.Ordinal)));
        Assert.Empty(HandOvers(t.Meeting.Id.Value));

        var next = await Instance(now);
        await next.Services.GetRequiredService<CycleRunner>().Tick();
        await next.Services.GetRequiredService<CycleRunner>().Tick();

        AssertEachOnce(HandOvers(t.Meeting.Id.Value), t.Meeting);
    }

    [Fact]
    public async Task RestartInTheMiddleOfAStep_FinishesIt_WithoutSendingAnythingTwice()
    {
        var (t, now) = await MeetingAtSummonsTime(new DateOnly(2027, 3, 18));
        var first = await Instance(now);

        // The first instance runs the summons step and gets five emails out, then stops.
        var result = await first.Services.GetRequiredService<CycleSteps>().Run(CycleStep.Summons, t.Meeting, t.Body, now, default);
        var outbox = first.Services.GetRequiredService<EmailOutbox>();
        foreach (var id in result.Messages.Where(m => m.StartsWith("summons.", StringComparison.Ordinal)).Take(5))
        {
            await outbox.TrySend(id);
        }

        await first.StopAsync();
        Assert.Equal(5, HandOvers(t.Meeting.Id.Value).Count);

        var restarted = await Instance(now);
        await restarted.Services.GetRequiredService<CycleRunner>().Tick();

        AssertEachOnce(HandOvers(t.Meeting.Id.Value), t.Meeting);
        var cycle = await fixture.Service<CycleStore>().Find(t.Meeting.Id);
        Assert.Equal(CycleStep.MinutesDraft, cycle!.NextStep);
    }
}
