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
        if (meeting.Status != MeetingStatus.Planned || meeting.Date < Common.Oslo.DateOf(now))
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

    /// <summary>
    /// A moved meeting: the steps not yet taken get the new meeting's times (a step whose new time has
    /// passed is due at once); a cancelled meeting's cycle stops. Steps already taken stay as they were.
    /// </summary>
    public async Task Replan(Meeting meeting, Body body, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var instance = await store.Find(meeting.Id, ct);
            if (instance is null)
            {
                await Plan(meeting, body, ct);
                return;
            }

            var planned = CyclePlan.For(meeting, body.Rules).ToDictionary(s => s.Step, s => s.DueAt);
            var pending = new List<StepRecord>();
            foreach (var step in await store.StepsOf(meeting.Id, ct))
            {
                if (step.Status != StepStatus.Pending)
                {
                    continue;
                }

                var replanned = meeting.Status == MeetingStatus.Cancelled
                    ? step with { Status = StepStatus.Skipped, DoneAt = clock.GetUtcNow(), Outcome = "Møtet er avlyst" }
                    : step with { PlannedAt = planned[step.Step] };
                await store.SaveStep(meeting.Id, replanned, ct);
                if (replanned.Status == StepStatus.Pending)
                {
                    pending.Add(replanned);
                }
            }

            if (await store.Advance(instance, pending.MinBy(s => s.PlannedAt), ct))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The cycle of {meeting.Id} kept changing while it was re-planned.");
    }

    /// <summary>
    /// Moves a pending step to another time, for the secretariat's actions (approve now; a new draft
    /// gives a new approval window). Runs it at once when that time has come.
    /// </summary>
    public async Task<TickResult> Reschedule(string meetingId, CycleStep step, DateTimeOffset at, CancellationToken ct = default)
    {
        var record = (await store.StepsOf(meetingId, ct)).SingleOrDefault(s => s.Step == step && s.Status == StepStatus.Pending);
        var instance = await store.Find(meetingId, ct);
        if (record is null || instance is null)
        {
            return new TickResult(0, 0);
        }

        await store.SaveStep(meetingId, record with { PlannedAt = at }, ct);
        var pending = (await store.StepsOf(meetingId, ct)).Where(s => s.Status == StepStatus.Pending).MinBy(s => s.PlannedAt);
        await store.Advance(instance, pending, ct);
        return at <= clock.GetUtcNow() ? await Advance(meetingId, clock.GetUtcNow(), ct) : new TickResult(0, 0);
    }

    public async Task<TickResult> Tick(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var run = 0;
        var sent = 0;
        foreach (var (meetingId, indexRow) in await store.DueBy(now, ct))
        {
            var advanced = await Advance(meetingId, now, ct);
            run += advanced.StepsRun;
            sent += advanced.EmailsSent;
            var instance = await store.Find(meetingId, ct);
            if (instance?.NextDueAt is not { } due || CycleStore.IndexRowFor(meetingId, due) != indexRow)
            {
                await store.RemoveIndex(indexRow, ct);
            }
        }

        sent += await outbox.SendPending(ct);
        return new TickResult(run, sent);
    }

    /// <summary>Runs every step of the meeting's cycle that is due; returns how many steps this call ran and how many emails it sent.</summary>
    public async Task<TickResult> Advance(string meetingId, DateTimeOffset now, CancellationToken ct = default)
    {
        var ran = 0;
        var sent = 0;
        while (await store.Find(meetingId, ct) is { NextStep: { } stepName, NextDueAt: { } due } instance && due <= now)
        {
            var meeting = await meetings.FindMeeting(meetingId, ct);
            var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
            if (meeting is null || body is null)
            {
                log.LogError("Cycle {MeetingId} has no meeting or body; it is stopped", meetingId);
                await store.Advance(instance, null, ct);
                return new TickResult(ran, sent);
            }

            var all = await store.StepsOf(meetingId, ct);
            var current = all.Single(s => s.Step == stepName);
            var result = await steps.Run(stepName, meeting, body, now, ct);
            StepRecord? next;
            if (result.RetryAt is { } retry)
            {
                // Not finished: the step keeps its planned time (so lateness shows) and is tried again later.
                await store.SaveStep(meetingId, current with { Outcome = result.Outcome }, ct);
                next = current with { PlannedAt = retry > now ? retry : now.AddMinutes(5) };
            }
            else
            {
                await store.SaveStep(meetingId, current with { Status = StepStatus.Done, DoneAt = now, Outcome = result.Outcome }, ct);
                var pending = new List<StepRecord>();
                foreach (var step in all.Where(s => s.Status == StepStatus.Pending && s.Step != stepName))
                {
                    var planned = result.Replan is not null && result.Replan.TryGetValue(step.Step, out var at) ? step with { PlannedAt = at } : step;
                    if (planned != step)
                    {
                        await store.SaveStep(meetingId, planned, ct);
                    }

                    pending.Add(planned);
                }

                next = pending.MinBy(s => s.PlannedAt);
            }

            if (!await store.Advance(instance, next, ct))
            {
                log.LogInformation("Cycle {MeetingId} was moved on by another ticker", meetingId);
                return new TickResult(ran, sent);
            }

            ran += result.RetryAt is null ? 1 : 0;
            log.LogInformation("Cycle {MeetingId}: {Step} done ({Outcome})", meetingId, stepName, result.Outcome);
            foreach (var id in result.Messages)
            {
                sent += await outbox.TrySend(id, ct) == EmailOutbox.State.Sent ? 1 : 0;
            }

            if (result.RetryAt is not null)
            {
                break;
            }
        }

        return new TickResult(ran, sent);
    }
}
