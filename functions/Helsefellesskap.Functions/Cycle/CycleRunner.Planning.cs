using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>A meeting's cycle planned, re-planned when the meeting changes, and a step brought forward or put back: the cycle's events (<see cref="IMeetingCycle"/>).</summary>
public sealed partial class CycleRunner : IMeetingCycle
{
    // Each event changes the step log first, then makes the meeting's orchestration (under the host) look again.
    async Task IMeetingCycle.Planned(Meeting meeting, Body body, CancellationToken ct)
    {
        if (await Plan(meeting, body, ct))
        {
            await orchestrations.Nudge(meeting.Id, ct);
        }
    }

    async Task IMeetingCycle.Changed(Meeting meeting, Body body, CancellationToken ct)
    {
        await Replan(meeting, body, ct);
        await orchestrations.Nudge(meeting.Id, ct);
    }

    async Task IMeetingCycle.DraftNow(MeetingId meetingId, CancellationToken ct)
    {
        await Reschedule(meetingId, CycleStep.MinutesDraft, clock.GetUtcNow(), ct);
        await orchestrations.Nudge(meetingId, ct);
    }

    async Task IMeetingCycle.ApprovalAt(MeetingId meetingId, DateTimeOffset at, CancellationToken ct)
    {
        await Reschedule(meetingId, CycleStep.Approval, at, ct);
        await orchestrations.Nudge(meetingId, ct);
    }

    async Task<DateTimeOffset?> IMeetingCycle.SummonsSentAt(MeetingId meetingId, CancellationToken ct) =>
        (await store.StepsOf(meetingId, ct)).FirstOrDefault(s => s.Step == CycleStep.Summons) is { Status: StepStatus.Done, DoneAt: { } at } ? at : null;

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
        var created = await store.Create(meeting.Id, body.Code, records, ct);
        if (created && Minutes.MeetingRules.LatestDraftDay(meeting, body.Rules) is null)
        {
            // Warned at the start of the cycle, while the meeting can still be moved.
            var warning = await steps.PublicationAtRisk(meeting, body, ct);
            await outbox.TrySend(warning, ct);
        }

        return created;
    }

    /// <summary>
    /// A moved meeting: the steps not yet taken get the new meeting's times (a step whose new time has
    /// passed is due at once); a cancelled meeting's cycle stops. Steps already taken stay as they were.
    /// </summary>
    public async Task Replan(Meeting meeting, Body body, CancellationToken ct = default)
    {
        if (await store.Find(meeting.Id, ct) is null)
        {
            await Plan(meeting, body, ct);
            return;
        }

        foreach (var planned in CyclePlan.For(meeting, body.Rules))
        {
            await store.UpdatePending(meeting.Id, planned.Step, s => meeting.Status == MeetingStatus.Cancelled
                ? s with { Status = StepStatus.Skipped, DoneAt = clock.GetUtcNow(), Outcome = "Møtet er avlyst" }
                : s with { PlannedAt = planned.DueAt, RetryAt = null, Failures = 0 }, ct);
        }

        await MoveOn(meeting.Id, ct);
    }

    /// <summary>
    /// Moves a pending step to another time, for the secretariat's actions (approve now; a new draft
    /// gives a new approval window). Runs it at once when that time has come.
    /// </summary>
    public async Task<TickResult> Reschedule(MeetingId meetingId, CycleStep step, DateTimeOffset at, CancellationToken ct = default)
    {
        if (!await store.UpdatePending(meetingId, step, s => s with { PlannedAt = at, RetryAt = null }, ct))
        {
            return new TickResult(0, 0); // it has run
        }

        await MoveOn(meetingId, ct);
        return at <= clock.GetUtcNow() ? await Advance(meetingId, clock.GetUtcNow(), ct) : new TickResult(0, 0);
    }
}
