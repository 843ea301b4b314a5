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

    /// <summary>
    /// A proposal for <paramref name="year"/>'s plan: the ordinary meetings of the last year before it that
    /// has any, each on the same weekday of the same week of its month ("the second Thursday of
    /// February"; a meeting in a month's last week stays in the last week), at the same time and place.
    /// Months that already have an ordinary meeting in <paramref name="year"/> are left out.
    /// </summary>
    public static IReadOnlyList<Meeting> ProposeYear(IReadOnlyList<Meeting> plan, int year)
    {
        var ordinary = plan.Where(m => m.Kind == MeetingKind.Ordinary && m.Status == MeetingStatus.Planned).ToList();
        var model = ordinary.Where(m => m.Date.Year < year).Select(m => m.Date.Year).DefaultIfEmpty().Max();
        var taken = ordinary.Where(m => m.Date.Year == year).Select(m => m.Date.Month).ToHashSet();
        return ordinary.Where(m => m.Date.Year == model && !taken.Contains(m.Date.Month)).OrderBy(m => m.Date)
            .Select(m =>
            {
                var date = SameWeekday(m.Date, year);
                return m with { Id = MeetingId.For(m.Body, date, MeetingKind.Ordinary), Date = date };
            })
            .ToList();
    }

    /// <summary>The date in <paramref name="year"/> on the same weekday of the same week of the month as <paramref name="date"/>.</summary>
    public static DateOnly SameWeekday(DateOnly date, int year)
    {
        var week = (date.Day - 1) / 7;
        var last = week == 4;
        var first = new DateOnly(year, date.Month, 1);
        var candidate = first.AddDays(((int)date.DayOfWeek - (int)first.DayOfWeek + 7) % 7 + 7 * week);
        if (last || candidate.Month != date.Month)
        {
            // The last such weekday of the month.
            candidate = first.AddMonths(1).AddDays(-1);
            while (candidate.DayOfWeek != date.DayOfWeek)
            {
                candidate = candidate.AddDays(-1);
            }
        }

        return candidate;
    }
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
    MeetingStatus Status)
{
    /// <summary>
    /// When the secretariat put the meeting on the plan in the app (the plan's adoption, for the compliance
    /// timeline); null for a meeting read from the community definition or stored before this was kept.
    /// </summary>
    public DateTimeOffset? AddedAt { get; init; }
}
