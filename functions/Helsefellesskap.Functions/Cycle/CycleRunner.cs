using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>
/// Plans a meeting's cycle and moves it on. A tick reads only the cycles with a step due; each step is
/// run, its row saved, and the instance moved on under its ETag, so of two tickers racing only one
/// moves it, and the emails the step recorded are sent once by the outbox.
/// </summary>
public sealed class CycleRunner(CycleStore store, CycleSteps steps, MeetingStore meetings, EmailOutbox outbox, Cases.CaseIntake intake, Cases.CaseNotices notices, FsuReports reports, TimeProvider clock, ILogger<CycleRunner> log) : IMeetingCycle
{
    public sealed record TickResult(int StepsRun, int EmailsSent);

    Task IMeetingCycle.Planned(Meeting meeting, Body body, CancellationToken ct) => Plan(meeting, body, ct);

    Task IMeetingCycle.Changed(Meeting meeting, Body body, CancellationToken ct) => Replan(meeting, body, ct);

    Task IMeetingCycle.DraftNow(string meetingId, CancellationToken ct) => Reschedule(meetingId, CycleStep.MinutesDraft, clock.GetUtcNow(), ct);

    Task IMeetingCycle.ApprovalAt(string meetingId, DateTimeOffset at, CancellationToken ct) => Reschedule(meetingId, CycleStep.Approval, at, ct);

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
                    : step with { PlannedAt = planned[step.Step], RetryAt = null, Failures = 0 };
                await store.SaveStep(meeting.Id, replanned, ct);
                if (replanned.Status == StepStatus.Pending)
                {
                    pending.Add(replanned);
                }
            }

            if (await store.Advance(instance, CyclePlan.Next(pending), ct))
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

        await store.SaveStep(meetingId, record with { PlannedAt = at, RetryAt = null }, ct);
        await store.Advance(instance, CyclePlan.Next(await store.StepsOf(meetingId, ct)), ct);
        return at <= clock.GetUtcNow() ? await Advance(meetingId, clock.GetUtcNow(), ct) : new TickResult(0, 0);
    }

    /// <summary>
    /// Runs what is due. Each meeting is moved on on its own: whatever one meeting's cycle throws is
    /// logged and the tick goes on with the next meeting, and then with the outbox.
    /// </summary>
    public async Task<TickResult> Tick(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var run = 0;
        var sent = 0;
        foreach (var (meetingId, indexRow) in await store.DueBy(now, ct))
        {
            try
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
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogError(e, "Cycle {MeetingId} could not be moved on in this tick; the others go on", meetingId);
            }
        }

        try
        {
            await reports.SubmitDue(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "The FSUs' reports could not be put before their parent bodies in this tick");
        }

        try
        {
            await notices.Digest(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "The secretariat's digest of new cases could not be made in this tick");
        }

        try
        {
            await intake.SweepReceipts(ct);
            sent += await outbox.SendPending(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "The outbox could not be sent in this tick");
        }

        return new TickResult(run, sent);
    }

    /// <summary>
    /// Runs every step of the meeting's cycle that is due; returns how many steps this call moved the cycle past
    /// (with tickers racing, each step is counted by the one whose move of the cycle took) and how many emails it sent.
    /// </summary>
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
            if (current.Status != StepStatus.Pending)
            {
                // The instance pointed at a step already taken (a crash between the two writes, or another ticker
                // that ran it and has not moved the cycle on yet): point it on. Moving the cycle past a step is what
                // counts it, once: that ticker's own move will now fail, and it does not count the step.
                if (!await store.Advance(instance, CyclePlan.Next(all), ct))
                {
                    return new TickResult(ran, sent);
                }

                ran++;
                continue;
            }

            var (result, saved) = await RunStep(current, meeting, body, now, ct);
            await store.SaveStep(meetingId, saved, ct);
            var others = new List<StepRecord>();
            foreach (var step in all.Where(s => s.Status == StepStatus.Pending && s.Step != stepName))
            {
                var planned = saved.Status != StepStatus.Pending && result.Replan is not null && result.Replan.TryGetValue(step.Step, out var at)
                    ? step with { PlannedAt = at, RetryAt = null }
                    : step;
                if (planned != step)
                {
                    await store.SaveStep(meetingId, planned, ct);
                }

                others.Add(planned);
            }

            // The earliest pending step next, the one just tried included (it waits for its retry time).
            var next = CyclePlan.Next(others.Append(saved));
            if (!await store.Advance(instance, next, ct))
            {
                log.LogInformation("Cycle {MeetingId} was moved on by another ticker", meetingId);
                return new TickResult(ran, sent);
            }

            ran += saved.Status == StepStatus.Pending ? 0 : 1;
            log.LogInformation("Cycle {MeetingId}: {Step} {Status} ({Outcome})", meetingId, stepName, saved.Status, saved.Outcome);
            foreach (var id in result.Messages)
            {
                sent += await outbox.TrySend(id, ct) == EmailOutbox.State.Sent ? 1 : 0;
            }
        }

        return new TickResult(ran, sent);
    }

    /// <summary>
    /// Runs one step, or skips it when its purpose has passed. A step that throws is not lost and stops
    /// nothing else: it is recorded as failed, tried again after a back-off, and the secretariat is told.
    /// </summary>
    private async Task<(StepResult Result, StepRecord Saved)> RunStep(StepRecord current, Meeting meeting, Body body, DateTimeOffset now, CancellationToken ct)
    {
        if (CyclePlan.PurposePassed(current.Step, meeting, body.Rules, now))
        {
            var skipped = await steps.PurposePassed(current.Step, meeting, body, ct);
            return (skipped, current with { Status = StepStatus.Skipped, DoneAt = now, Outcome = skipped.Outcome, RetryAt = null });
        }

        StepResult result;
        try
        {
            result = await steps.Run(current.Step, meeting, body, now, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var failures = current.Failures + 1;
            var retry = now + CyclePlan.Backoff(failures);
            log.LogError(e, "Cycle {MeetingId}: {Step} failed ({Failures} in a row); tried again at {RetryAt}", meeting.Id.Value, current.Step, failures, retry);
            var failed = await steps.Failed(current.Step, meeting, body, e, failures, retry, ct);
            return (failed, current with { Outcome = failed.Outcome, RetryAt = retry, Failures = failures });
        }

        return result.RetryAt is { } r
            // Not finished: the step keeps its planned time (so lateness shows) and is tried again later.
            ? (result, current with { Outcome = result.Outcome, RetryAt = r > now ? r : now.AddMinutes(5), Failures = 0 })
            : (result, current with { Status = StepStatus.Done, DoneAt = now, Outcome = result.Outcome, RetryAt = null, Failures = 0 });
    }
}
