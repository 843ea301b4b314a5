using CsCheck;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// Whole cycles on the real app and Azurite, drawn at random (CsCheck prints the seed of a failure so
/// it can be run again): a meeting on any working day of 2027–2035, the outcome recorded on the meeting
/// day or up to two working days later, a change request or none, a ticker that comes every 3 to 30
/// hours and sometimes twice. Whatever the draw: every step is taken exactly once and never before it
/// is due; approval comes when the 4th working day after the draft has ended (unless a change request
/// stops it); the minutes are published by the end of T + 7, or the secretariat was warned in time.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class CycleSimulationTests
{
    public sealed record Draw(DateOnly Meeting, int OutcomeDelay, bool ChangeRequest, int TickHours, bool TwiceEachTick);

    private static readonly Gen<Draw> Draws =
        Gen.Select(Gen.Int[new DateOnly(2027, 6, 1).DayNumber, new DateOnly(2035, 11, 30).DayNumber], Gen.Int[0, 2], Gen.Bool, Gen.Int[3, 30], Gen.Bool,
            (day, delay, change, hours, twice) => new Draw(DateOnly.FromDayNumber(day), delay, change, hours, twice))
        .Where(d => WorkingDays.IsWorkingDay(d.Meeting));

    /// <summary>
    /// The walks run on an instance and Azurite of their own: a tick then costs what a deployment's does, not
    /// a scan of every table the whole test run has filled (hundreds of ticks per walk), and no other test's
    /// cycle is run by these ticks.
    /// </summary>
    [Fact]
    public async Task RandomCycles_KeepTheStatutesClock()
    {
        await using var instance = await FreshInstance.Start();
        await Draws.SampleAsync(draw => Walk(instance, draw), iter: 6, threads: 1);
    }

    private static async Task Walk(FreshInstance app, Draw draw)
    {
        var clock = app.Service<AdjustableClock>();
        clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app.Services, draw.Meeting);
        await t.SubmitCase(app.Http, "Sak i simulert syklus");
        var rules = t.Body.Rules;
        var id = t.Meeting.Id;
        var outcomeDay = draw.OutcomeDelay == 0 ? draw.Meeting : WorkingDays.After(draw.Meeting, draw.OutcomeDelay);
        var outcomeAt = Oslo.At(outcomeDay, new TimeOnly(15, 0));
        var runner = app.Service<CycleRunner>();
        var minutes = app.Service<DraftCirculation>();
        var end = Oslo.StartOfDay(draw.Meeting.AddDays(30));
        var outcomeRecorded = false;
        var changeRequested = false;
        DateTimeOffset? requestedAt = null;

        for (var now = CyclePlan.For(t.Meeting, rules)[0].DueAt.AddHours(-1); now < end; now = now.AddHours(draw.TickHours))
        {
            if (!outcomeRecorded && now >= outcomeAt)
            {
                clock.Set(outcomeAt);
                var recorded = await app.Service<OutcomeRecording>().Record(id, new OutcomeRecording.OutcomeInput(t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList(), [], null), default);
                Assert.IsType<OutcomeRecording.Result.Recorded>(recorded);
                outcomeRecorded = true;
            }

            clock.Set(now);
            await runner.Tick();
            if (draw.TwiceEachTick)
            {
                await runner.Tick();
            }

            var state = await minutes.State(id, default);
            if (draw.ChangeRequest && !changeRequested && state.DraftSentAt is not null && state.ApprovedAt is null)
            {
                Assert.True(await minutes.RequestChange(id, "k1", "Rett sak 2.", default));
                changeRequested = true;
                requestedAt = now;
            }
            else if (changeRequested && state.ApprovedAt is null && now >= requestedAt!.Value.AddDays(1))
            {
                Assert.IsType<SecretariatMinutes.Result.Done>(await app.Service<SecretariatMinutes>().Approve(id, default));
            }

            if (state.PublishedUrl is not null)
            {
                break;
            }
        }

        var steps = await app.Service<CycleStore>().StepsOf(id);
        Assert.All(steps, s => Assert.True(s.Status != StepStatus.Pending, $"{draw}: {s.Step} still pending ({s.Outcome})"));
        Assert.All(steps.Where(s => s.Status == StepStatus.Done), s => Assert.True(s.DoneAt >= s.PlannedAt, $"{draw}: {s.Step} done {s.DoneAt} before it was due {s.PlannedAt}"));

        var final = await minutes.State(id, default);
        Assert.NotNull(final.PublishedUrl);
        var draftDay = Oslo.DateOf(final.DraftSentAt!.Value);
        var approvalDue = CyclePlan.ApprovalDue(draftDay, rules);
        var tick = TimeSpan.FromHours(draw.TickHours);
        if (!changeRequested)
        {
            Assert.True(final.ApprovedAt >= approvalDue && final.ApprovedAt < approvalDue + tick, $"{draw}: approved {final.ApprovedAt}, due {approvalDue}");
        }

        var endOfT7 = Oslo.StartOfDay(draw.Meeting.AddDays(rules.PublicationDays + 1));
        var latest = MeetingRules.LatestDraftDay(t.Meeting, rules);
        if (latest is null)
        {
            Assert.NotNull(await app.Service<EmailOutbox>().StateOf(MessageIds.PublicationAtRisk(id)));
        }
        else if (!changeRequested && draftDay <= latest)
        {
            Assert.True(final.PublishedAt < endOfT7 + tick, $"{draw}: published {final.PublishedAt}, T+7 ends {endOfT7}");
        }
    }
}
