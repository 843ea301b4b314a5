using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// One meeting's failing step stops nothing else: an instance whose Chromium is missing cannot print
/// meeting A's summons, yet meeting B's reminder goes out in the same tick; A's failure is recorded,
/// retried with back-off, the secretariat is told once, and A recovers where printing works.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CycleIsolationTests(AppFixture app)
{
    [Fact]
    public async Task AFailingStep_IsRecordedAndRetried_WhileOtherMeetingsGoOn()
    {
        var a = await CycleTestBody.Create(app, new DateOnly(2027, 9, 9));
        var b = await CycleTestBody.Create(app, new DateOnly(2027, 9, 30));
        await a.SubmitCase(app, "Sak som skal skrives ut");
        var summonsDue = CyclePlan.For(a.Meeting, a.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        Assert.Equal(summonsDue, CyclePlan.For(b.Meeting, b.Body.Rules).Single(s => s.Step == CycleStep.DeadlineReminder).DueAt);

        var broken = await app.StartAnother(settings => settings["Documents:ChromiumPath"] = "/finnes/ikke/chromium");
        try
        {
            await TickWithoutChromium(broken, a, b, summonsDue);
        }
        finally
        {
            await broken.StopAsync();
            await broken.DisposeAsync();
        }

        // Where printing works, the retry succeeds and the members are summoned.
        var store = app.Service<CycleStore>();
        app.Clock.Set(summonsDue.AddMinutes(20));
        await app.Service<CycleRunner>().Tick();
        var summons = (await store.StepsOf(a.Meeting.Id)).Single(s => s.Step == CycleStep.Summons);
        Assert.Equal((StepStatus.Done, 0), (summons.Status, summons.Failures));
        Assert.NotNull(await OutboxState(MessageIds.Summons(a.Meeting.Id, "k1")));
    }

    private async Task TickWithoutChromium(WebApplication broken, CycleTestBody a, CycleTestBody b, DateTimeOffset summonsDue)
    {
        var clock = broken.Services.GetRequiredService<AdjustableClock>();
        var runner = broken.Services.GetRequiredService<CycleRunner>();
        clock.Set(summonsDue);
        await runner.Tick();

        var store = app.Service<CycleStore>();
        var summons = (await store.StepsOf(a.Meeting.Id)).Single(s => s.Step == CycleStep.Summons);
        Assert.Equal((StepStatus.Pending, 1), (summons.Status, summons.Failures));
        AssertAbout(summonsDue.AddMinutes(5), summons.RetryAt); // the app's clock runs on from where it was set
        Assert.StartsWith("Feilet (1. gang): utskriften til PDF feilet", summons.Outcome);
        Assert.Equal(StepStatus.Done, (await store.StepsOf(b.Meeting.Id)).Single(s => s.Step == CycleStep.DeadlineReminder).Status);
        Assert.NotNull(await OutboxState(MessageIds.StepFailed(a.Meeting.Id, nameof(CycleStep.Summons))));
        Assert.NotNull(await OutboxState(MessageIds.Reminder(b.Meeting.Id, "k1")));
        Assert.Contains((await app.Service<CycleStatus>().For(a.Meeting.Id, default))!.Warnings, w => w.Contains("har feilet 1 gang", StringComparison.Ordinal));

        // Not due again before its back-off; then it fails a second time, waiting longer, without a second alert.
        await runner.Tick();
        Assert.Equal(1, (await store.StepsOf(a.Meeting.Id)).Single(s => s.Step == CycleStep.Summons).Failures);
        clock.Set(summonsDue.AddMinutes(6));
        await runner.Tick();
        summons = (await store.StepsOf(a.Meeting.Id)).Single(s => s.Step == CycleStep.Summons);
        Assert.Equal(2, summons.Failures);
        AssertAbout(summonsDue.AddMinutes(16), summons.RetryAt);
    }

    private static void AssertAbout(DateTimeOffset expected, DateTimeOffset? actual) =>
        Assert.InRange(actual!.Value, expected, expected.AddSeconds(30));

    [Fact]
    public async Task ASummons_WhoseMeetingHasBegun_IsNotSent_AndTheSecretariatIsTold()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 10, 14));
        app.Clock.Set(new DateTimeOffset(2027, 10, 14, 10, 30, 0, TimeSpan.FromHours(2)));
        await app.Service<CycleRunner>().Tick();

        var summons = (await app.Service<CycleStore>().StepsOf(t.Meeting.Id)).Single(s => s.Step == CycleStep.Summons);
        Assert.Equal(StepStatus.Skipped, summons.Status);
        Assert.Null(await OutboxState(MessageIds.Summons(t.Meeting.Id, "k1")));
        Assert.NotNull(await OutboxState(MessageIds.StepSkipped(t.Meeting.Id, nameof(CycleStep.Summons))));
    }

    private Task<EmailOutbox.State?> OutboxState(string messageId) => app.Service<EmailOutbox>().StateOf(messageId);
}
