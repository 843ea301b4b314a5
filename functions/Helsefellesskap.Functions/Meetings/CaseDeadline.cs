using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// "A case must reach the secretariat no later than 21 days before the meeting. A later case goes to
/// the next meeting." (docs/rules.md; the number of days is per body.)
/// </summary>
public static class CaseDeadline
{
    /// <summary>The last day on which a case can still reach the meeting; it is open until that day ends in Oslo.</summary>
    public static DateOnly LastDay(Meeting meeting, BodyRules rules) => meeting.Date.AddDays(-rules.CaseDeadlineDays);

    public static bool IsOpen(Meeting meeting, BodyRules rules, DateTimeOffset now) =>
        meeting.Status == MeetingStatus.Planned && Oslo.IsOnOrBefore(now, LastDay(meeting, rules));

    /// <summary>
    /// The meeting a case received now goes to: the first meeting whose case deadline has not passed,
    /// or, when the submitter prefers a date, the first open meeting on or after that date.
    /// Null when the plan has no open meeting.
    /// </summary>
    public static Meeting? MeetingFor(IEnumerable<Meeting> plan, BodyRules rules, DateTimeOffset now, DateOnly? preferred = null) =>
        plan.Where(m => IsOpen(m, rules, now))
            .Where(m => preferred is null || m.Date >= preferred)
            .OrderBy(m => m.Date)
            .ThenBy(m => m.Start)
            .FirstOrDefault();
}
