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
    /// (with runs racing, each step is counted by the move that takes the cycle past it) and how many emails it sent.
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

            // A step already taken (a crash between the two writes, or another run that has not moved the cycle on
            // yet) is not run again, nor one put later meanwhile (a new draft's approval window): the cycle is only
            // moved on.
            var current = (await store.StepsOf(meetingId, ct)).Single(s => s.Step == stepName);
            IReadOnlyList<string> messages = [];
            if (current.Status == StepStatus.Pending && current.DueAt <= now)
            {
                var (result, saved) = await RunStep(current, meeting, body, now, ct);
                // Another run that took the step meanwhile keeps its record (the emails are the same, recorded once);
                // so does an action that brought the step forward while this run found it not ready: it runs again.
                if (await store.UpdatePending(meetingId, stepName, r => saved.Status == StepStatus.Pending && (r.PlannedAt, r.RetryAt) != (current.PlannedAt, current.RetryAt)
                        ? null
                        : saved with { PlannedAt = r.PlannedAt }, ct))
                {
                    log.LogInformation("Cycle {MeetingId}: {Step} {Status} ({Outcome})", meetingId, stepName, saved.Status, saved.Outcome);
                    if (saved.Status != StepStatus.Pending && result.Replan is { } replan)
                    {
                        foreach (var (step, at) in replan)
                        {
                            await store.UpdatePending(meetingId, step, r => r with { PlannedAt = at, RetryAt = null }, ct);
                        }
                    }

                    messages = result.Messages;
                }
            }

            ran += await MoveOn(meetingId, ct);
            foreach (var id in messages)
            {
                sent += await outbox.TrySend(id, ct) == EmailOutbox.State.Sent ? 1 : 0;
            }
        }

        return new TickResult(ran, sent);
    }

    /// <summary>
    /// Points the instance at the earliest pending step as the step rows stand now, under the ETag read before them.
    /// Every change to a cycle's step rows is followed by this, so the instance never points later than a step that
    /// is due: a move made from rows read before someone's change fails on the ETag, and is made again from fresh
    /// rows. Returns 1 when the step it pointed at was taken (the move past a step counts it), else 0.
    /// </summary>
    private async Task<int> MoveOn(MeetingId meetingId, CancellationToken ct)
    {
        for (var lost = 0; lost < 20; lost++)
        {
            if (await store.Find(meetingId, ct) is not { } instance)
            {
                return 0;
            }

            var all = await store.StepsOf(meetingId, ct);
            if (await store.Advance(instance, CyclePlan.Next(all), ct))
            {
                return all.Any(s => s.Step == instance.NextStep && s.Status != StepStatus.Pending) ? 1 : 0;
            }
        }

        throw new InvalidOperationException($"The cycle of {meetingId} kept changing while it was moved on.");
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
