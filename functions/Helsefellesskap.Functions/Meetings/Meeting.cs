namespace Helsefellesskap.Functions.Meetings;

public enum MeetingKind
{
    Ordinary,
    Extraordinary,
}

public enum MeetingStatus
{
    Planned,
    Cancelled,
}

public static class MeetingPlanRules
{
    /// <summary>
    /// Why a meeting cannot be planned on a date, or null: a date that has passed; "extraordinary
    /// meetings may be summoned with at least 7 days notice".
    /// </summary>
    public static string? DateProblem(DateOnly date, MeetingKind kind, BodyRules rules, DateOnly today) =>
        date < today ? "Møtedatoen er passert."
        : kind == MeetingKind.Extraordinary && date.DayNumber - today.DayNumber < rules.ExtraordinaryNoticeDays
            ? $"Et ekstraordinært møte må innkalles med minst {rules.ExtraordinaryNoticeDays} dagers varsel. Første mulige dato er {Common.Norwegian.LongDate(today.AddDays(rules.ExtraordinaryNoticeDays))}."
            : null;

    /// <summary>The first planned (not cancelled) meeting after a date: where returned, postponed and rolled-over cases go.</summary>
    public static Meeting? NextAfter(IEnumerable<Meeting> plan, DateOnly date) =>
        plan.Where(m => m.Status == MeetingStatus.Planned && m.Date > date).OrderBy(m => m.Date).ThenBy(m => m.Start).FirstOrDefault();
}

/// <summary>A meeting of a body on the meeting plan. The id stays the same if the meeting is moved.</summary>
public sealed record Meeting(
    MeetingId Id,
    string Body,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    string Location,
    string? VideoLink,
    MeetingKind Kind,
    MeetingStatus Status);
