using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>The orchestration's activity: what is due now, run once, and the emails it wrote sent.</summary>
public sealed class CycleActivities(CycleRunner runner, CycleStore store, Email.EmailOutbox outbox, TimeProvider clock)
{
    /// <summary>The cycle's next step time after this run (null: nothing left), and the app's time it was read at.</summary>
    public sealed record NextStep(DateTimeOffset? DueAt, DateTimeOffset Now);

    [Function(nameof(AdvanceCycle))]
    public async Task<NextStep> AdvanceCycle([ActivityTrigger] string input, CancellationToken cancellationToken)
    {
        var meetingId = Meetings.MeetingId.Parse(input); // the orchestration's instance id, which the app gave it
        await runner.Advance(meetingId, clock.GetUtcNow(), cancellationToken);

        // What the steps put in the outbox goes now, not at the next tick (each message is claimed once under its ETag).
        await outbox.SendPending(cancellationToken);
        var instance = await store.Find(meetingId, cancellationToken);
        return new NextStep(instance?.NextDueAt, clock.GetUtcNow());
    }
}
