using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Compliance;

public enum ComplianceState
{
    Met,
    Missed,

    /// <summary>The rule does not apply to this meeting (an ordinary meeting's extraordinary notice, a cancelled meeting).</summary>
    NotApplicable,

    /// <summary>Its deadline has not passed and it is not done yet.</summary>
    Pending,

    /// <summary>What happened was not recorded (a plan read from the community definition).</summary>
    Unknown,
}

/// <summary>
/// One requirement of the statutes for one meeting: what, for whom or which case, its deadline, when it
/// actually happened, and whether it was met (with why, when it was not).
/// </summary>
public sealed record ComplianceRow(string Requirement, string Label, string? Subject, DateTimeOffset? Deadline, DateTimeOffset? Actual, ComplianceState State, string? Reason);

/// <summary>An email as the outbox has it: when it went, or what stopped it.</summary>
public sealed record Sending(DateTimeOffset? SentAt, EmailOutbox.State State, string? LastError)
{
    public static Sending? Of(OutboxEntry? entry) => entry is null ? null : new(entry.SentAt, entry.State, entry.LastError);
}

/// <summary>A case on the meeting's agenda (its title as the public may read it): when it came in, and why it was taken up late if it was.</summary>
/// <param name="Urgent">Why the secretariat took it up as urgent after the case deadline, or null.</param>
public sealed record CaseFact(string Id, string Label, string Title, DateTimeOffset ReceivedAt, string? Urgent);

/// <summary>An absence and the summons of the deputy it called in.</summary>
public sealed record AbsenceFact(Absence Absence, Sending? StandInSummons);

/// <summary>Everything the compliance timeline of one meeting is computed from, read from the stores.</summary>
public sealed record MeetingFacts(
    Meeting Meeting,
    Body Body,
    IReadOnlyList<Member> Roster,
    IReadOnlyList<CaseFact> Cases,
    AgendaState Agenda,
    StepRecord? SummonsStep,
    IReadOnlyDictionary<string, Sending> Summonses,
    IReadOnlyList<AbsenceFact> Absences,
    MinutesState Minutes,
    DateTimeOffset? FirstDraftSent);
