using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// The process dies in the middle of a step of the cycle, at its Nth storage write (printing, storing
/// documents, recording emails, changing the minutes' state, publishing, moving the cycle on). The next
/// tick on a healthy instance finishes the step: every email it owes is recorded and sent, and what it
/// publishes keeps its stable address.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class StepCrashTests(AppFixture app)
{
    public static TheoryData<CycleStep, int> Crashes()
    {
        var data = new TheoryData<CycleStep, int>();
        foreach (var n in new[] { 1, 4, 12, 25, 40 })
        {
            data.Add(CycleStep.Summons, n);
        }

        foreach (var step in new[] { CycleStep.DeadlineReminder, CycleStep.CaseDeadline, CycleStep.MinutesDraft, CycleStep.Approval, CycleStep.Publication })
        {
            foreach (var n in new[] { 1, 2, 5, 12 })
            {
                data.Add(step, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Crashes))]
    public async Task ACrashInAStep_IsFinishedByTheNextTick(CycleStep step, int n)
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 4, 20));
        await t.SubmitCase(app, $"Sak i et møte der {step} krasjer ved skriving {n}");
        var due = await BringTheCycleUpTo(t, step);

        var crash = new DiesAtWrite(n);
        var dying = await app.StartAnother(services: s => s.AddSingleton<HttpPipelinePolicy>(crash));
        try
        {
            dying.Services.GetRequiredService<AdjustableClock>().Set(due);
            await Act(dying.Services, step, t);
        }
        catch (Azure.RequestFailedException)
        {
            // The tick itself could not read what is due: the process died before doing anything.
        }
        finally
        {
            await dying.StopAsync();
            await dying.DisposeAsync();
        }

        Assert.True(crash.Died, $"{step} made fewer than {n} writes");

        // The next tick; for the draft, the secretariat first records the outcome again (its request failed).
        app.Clock.Set(due.AddHours(1));
        await Act(app.App.Services, step, t);
        await app.Service<CycleRunner>().Tick();

        var record = (await app.Service<CycleStore>().StepsOf(t.Meeting.Id)).Single(s => s.Step == step);
        Assert.Equal(StepStatus.Done, record.Status);
        foreach (var id in OwedEmails(step, t))
        {
            Assert.Equal(EmailOutbox.State.Sent, await app.Service<EmailOutbox>().StateOf(id));
        }

        var minutes = await app.Service<MinutesStore>().Get(t.Meeting.Id);
        if (step >= CycleStep.Approval)
        {
            Assert.NotNull(minutes.ApprovedAt);
        }

        if (step == CycleStep.Publication)
        {
            Assert.EndsWith("/referat.pdf", minutes.PublishedUrl, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// What runs the step: the tick, or for the draft the outcome's recording (the draft goes out as soon
    /// as the outcome is recorded on the meeting day).
    /// </summary>
    private static async Task Act(IServiceProvider services, CycleStep step, CycleTestBody t)
    {
        if (step == CycleStep.MinutesDraft)
        {
            var present = t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
            var recorded = await services.GetRequiredService<OutcomeRecording>().Record(t.Meeting.Id, new OutcomeRecording.OutcomeInput(present, [], null), default);
            Assert.IsType<OutcomeRecording.Result.Recorded>(recorded);
        }
        else
        {
            await services.GetRequiredService<CycleRunner>().Tick();
        }
    }

    /// <summary>Runs the cycle on the healthy instance up to <paramref name="step"/> and returns when that step is due.</summary>
    private async Task<DateTimeOffset> BringTheCycleUpTo(CycleTestBody t, CycleStep step)
    {
        var runner = app.Service<CycleRunner>();
        if (step > CycleStep.Summons)
        {
            app.Clock.Set(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
            await runner.Tick();
            app.Clock.Set(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
            if (step == CycleStep.MinutesDraft)
            {
                return app.Clock.GetUtcNow();
            }

            await Act(app.App.Services, CycleStep.MinutesDraft, t);
            Assert.NotNull((await app.Service<MinutesStore>().Get(t.Meeting.Id)).DraftSentAt);
        }

        var record = (await app.Service<CycleStore>().StepsOf(t.Meeting.Id)).Single(s => s.Step == step);
        Assert.Equal(StepStatus.Pending, record.Status);
        return record.DueAt;
    }

    private static IEnumerable<string> OwedEmails(CycleStep step, CycleTestBody t)
    {
        var members = t.Members.Where(m => m.Role == MemberRole.Member).ToList();
        return step switch
        {
            CycleStep.DeadlineReminder => members.Select(m => MessageIds.Reminder(t.Meeting.Id, m.Id)),
            CycleStep.CaseDeadline => [MessageIds.Deadline(t.Meeting.Id)],
            CycleStep.Summons => t.Members.Select(m => MessageIds.Summons(t.Meeting.Id, m.Id)),
            CycleStep.MinutesDraft => members.Select(m => MessageIds.MinutesDraft(1, t.Meeting.Id, m.Id)),
            _ => [],
        };
    }
}
