using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>
/// Plans a meeting's cycle and moves it on. A tick reads only the cycles with a step due; each step is
/// run, its row saved, and the instance moved on under its ETag, so of two tickers racing only one
/// moves it, and the emails the step recorded are sent once by the outbox.
/// </summary>
public sealed class CycleRunner(CycleStore store, CycleSteps steps, MeetingStore meetings, EmailOutbox outbox, TimeProvider clock, ILogger<CycleRunner> log)
{
    public sealed record TickResult(int StepsRun, int EmailsSent);

    /// <summary>Creates the cycle of a meeting not yet held. Steps already past are skipped, except the summons.</summary>
    public async Task<bool> Plan(Meeting meeting, Body body, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (meeting.Status != MeetingStatus.Planned || meeting.Date < Hosting.Oslo.DateOf(now))
        {
            return false;
        }

        var records = CyclePlan.For(meeting, body.Rules)
            .Select(s => CyclePlan.SkipWhenPlannedLate(s, now)
                ? new StepRecord(s.Step, s.DueAt, StepStatus.Skipped, now, "Hoppet over: syklusen ble planlagt etter dette tidspunktet")
                : new StepRecord(s.Step, s.DueAt, StepStatus.Pending, null, null))
            .ToList();
        return await store.Create(meeting.Id, body.Code, records, ct);
    }

    public async Task<TickResult> Tick(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var run = 0;
        foreach (var (meetingId, indexRow) in await store.DueBy(now, ct))
        {
            run += await Advance(meetingId, now, ct);
            var instance = await store.Find(meetingId, ct);
            if (instance?.NextDueAt is not { } due || CycleStore.IndexRowFor(meetingId, due) != indexRow)
            {
                await store.RemoveIndex(indexRow, ct);
            }
        }

        var sent = await outbox.SendPending(ct);
        return new TickResult(run, sent);
    }

    /// <summary>Runs every step of the meeting's cycle that is due; returns how many this call ran.</summary>
    public async Task<int> Advance(string meetingId, DateTimeOffset now, CancellationToken ct = default)
    {
        var ran = 0;
        while (await store.Find(meetingId, ct) is { NextStep: { } stepName, NextDueAt: { } due } instance && due <= now)
        {
            var meeting = await meetings.FindMeeting(meetingId, ct);
            var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
            if (meeting is null || body is null)
            {
                log.LogError("Cycle {MeetingId} has no meeting or body; it is stopped", meetingId);
                await store.Advance(instance, null, ct);
                return ran;
            }

            var all = await store.StepsOf(meetingId, ct);
            var current = all.Single(s => s.Step == stepName);
            var result = await steps.Run(stepName, meeting, body, ct);
            await store.SaveStep(meetingId, current with { Status = StepStatus.Done, DoneAt = now, Outcome = result.Outcome }, ct);
            var next = all.Where(s => s.Status == StepStatus.Pending && s.Step != stepName).MinBy(s => s.PlannedAt);
            if (!await store.Advance(instance, next, ct))
            {
                log.LogInformation("Cycle {MeetingId} was moved on by another ticker", meetingId);
                return ran;
            }

            ran++;
            log.LogInformation("Cycle {MeetingId}: {Step} done ({Outcome})", meetingId, stepName, result.Outcome);
            foreach (var id in result.Messages)
            {
                await outbox.TrySend(id, ct);
            }
        }

        return ran;
    }
}
