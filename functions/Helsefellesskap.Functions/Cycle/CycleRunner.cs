using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>
/// Moves a meeting's cycle on (its planning, and the events from outside its clock, are in CycleRunner.Planning.cs).
/// Each step is run, its row saved, and the instance moved on under its ETag, so of two runs racing only one moves it,
/// and the emails the step recorded are sent once by the outbox. Under the Functions host each meeting's Durable
/// orchestration calls <see cref="Advance"/> when its next step is due (ADR 0019), and a tick only starts or wakes the
/// orchestrations of cycles that are due; on Kestrel a tick advances the cycles with a step due itself.
/// </summary>
public sealed partial class CycleRunner(CycleStore store, CycleSteps steps, MeetingStore meetings, EmailOutbox outbox, Cases.CaseIntake intake, Cases.CaseNotices notices, FsuReports reports, CycleOrchestrations orchestrations, TimeProvider clock, ILogger<CycleRunner> log)
{
    public sealed record TickResult(int StepsRun, int EmailsSent);

    /// <summary>
    /// Runs what is due. Each meeting is moved on on its own: whatever one meeting's cycle throws is
    /// logged and the tick goes on with the next meeting, and then with the outbox.
    /// </summary>
    public async Task<TickResult> Tick(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var run = 0;
        var sent = 0;
        // Under the host every current cycle is looked at (one without an orchestration gets one, a due one is woken);
        // on Kestrel only the due ones, which the tick advances itself.
        foreach (var (meetingId, indexRow) in await store.DueBy(orchestrations.Enabled ? DateTimeOffset.MaxValue : now, ct))
        {
            try
            {
                if (!orchestrations.Enabled)
                {
                    var advanced = await Advance(meetingId, now, ct);
                    run += advanced.StepsRun;
                    sent += advanced.EmailsSent;
                }

                var instance = await store.Find(meetingId, ct);
                if (instance?.NextDueAt is not { } due || CycleStore.IndexRowFor(meetingId, due) != indexRow)
                {
                    await store.RemoveIndex(indexRow, ct);
                }
                else if (orchestrations.Enabled)
                {
                    // The orchestration runs the steps; a tick starts one that is missing (cycles stored before the
                    // orchestrations, or planned at start without a Durable client) and wakes a due one.
                    await orchestrations.Nudge(meetingId, ct, wake: due <= now);
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
    /// Under the host, waits (in real time, up to <paramref name="patience"/>) until no cycle has a step due at
    /// <paramref name="now"/> that its orchestration has not run or rescheduled; returns the meetings that still have one.
    /// On Kestrel the tick ran them itself: none, at once.
    /// </summary>
    public async Task<IReadOnlyList<string>> CaughtUp(DateTimeOffset now, TimeSpan patience, CancellationToken ct = default)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew(); // real time: the app's clock may stand still
        while (true)
        {
            var due = new List<string>();
            foreach (var (meetingId, _) in orchestrations.Enabled ? await store.DueBy(now, ct) : [])
            {
                if (await store.Find(meetingId, ct) is { NextDueAt: { } at } && at <= now)
                {
                    due.Add(meetingId.Value);
                }
            }

            if (due.Count == 0 || waited.Elapsed >= patience)
            {
                return due;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }

    /// <summary>
    /// Runs every step of the meeting's cycle that is due; returns how many steps this call moved the cycle past
    /// (with tickers racing, each step is counted by the one whose move of the cycle took) and how many emails it sent.
    /// </summary>
    public async Task<TickResult> Advance(MeetingId meetingId, DateTimeOffset now, CancellationToken ct = default)
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
