namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// What a meeting's cycle is told when something happens to the meeting outside the cycle's own clock: it is
/// put on the plan, moved, cancelled or its body's rules change; the secretariat sends the draft minutes now,
/// approves them, or starts a new approval window. These are the cycle's events (ADR 0002, design §4); the
/// workflows that cause them (the agenda and the meeting plan, the minutes, the community's definition) sit
/// below the cycle and reach it only through this.
/// </summary>
public interface IMeetingCycle
{
    /// <summary>A meeting put on the plan gets its cycle (none for a meeting held or cancelled).</summary>
    Task Planned(Meeting meeting, Body body, CancellationToken ct = default);

    /// <summary>The meeting was moved or cancelled, or its body's rules changed: the steps not yet taken follow.</summary>
    Task Changed(Meeting meeting, Body body, CancellationToken ct = default);

    /// <summary>The draft minutes go now (if the draft step has not run yet).</summary>
    Task DraftNow(MeetingId meetingId, CancellationToken ct = default);

    /// <summary>Approval (and publication after it) runs at <paramref name="at"/>: now, or at the end of a new window.</summary>
    Task ApprovalAt(MeetingId meetingId, DateTimeOffset at, CancellationToken ct = default);

    /// <summary>When the summons with the agenda and the papers went out to members and deputies; null while it has not.</summary>
    Task<DateTimeOffset?> SummonsSentAt(MeetingId meetingId, CancellationToken ct = default);
}
