using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>
/// One Durable orchestration per meeting (instance id = the meeting's id, ADR 0019). Each wake-up runs every step that is
/// due as one activity (<see cref="CycleActivities.AdvanceCycle"/>: the same idempotent step runner, step log and outbox as
/// before), then waits for the next step's time with a durable timer, or for "wake" (the meeting moved, a step brought
/// forward, the dev clock set), and starts again as new so its history stays a few rows however long the cycle runs.
/// </summary>
public static class MeetingCycleOrchestration
{
    public const string Name = "MeetingCycleOrchestration";

    /// <summary>What a meeting's orchestration is told when something outside its timer changes its next step.</summary>
    public const string Wake = "wake";

    /// <summary>The activity's retries when storage or the host fails it (a step that throws is recorded and retried by the step log).</summary>
    private static readonly TaskOptions Retries = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 6, firstRetryInterval: TimeSpan.FromSeconds(15), backoffCoefficient: 2));

    [Function(Name)]
    public static async Task Run([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        var meetingId = context.GetInput<string>()!;

        // The version this instance runs under (host.json's defaultVersion when it started): a change to what this
        // method decides branches on context.Version, so instances started before a deployment finish as they began.
        context.SetCustomStatus(context.Version);
        var next = await context.CallActivityAsync<CycleActivities.NextStep>(nameof(CycleActivities.AdvanceCycle), meetingId, Retries);
        if (next.DueAt is not { } due)
        {
            return; // the cycle has run its course (or the meeting is gone)
        }

        // The app's clock may be ahead of the real one (Development's dev clock): wait as long as the app's clock says.
        var wait = due - next.Now;
        using var cancel = new CancellationTokenSource();
        var timer = context.CreateTimer(context.CurrentUtcDateTime + (wait > TimeSpan.Zero ? wait : TimeSpan.Zero), cancel.Token);
        var wake = context.WaitForExternalEvent<string>(Wake, cancel.Token);
        await Task.WhenAny(timer, wake);
        cancel.Cancel();
        context.ContinueAsNew(meetingId, preserveUnprocessedEvents: true);
    }
}
