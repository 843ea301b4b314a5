using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>Whether a meeting's papers went out in advance: with the summons by the body's notice, late, or not at all.</summary>
public enum PapersOut
{
    InTime,
    Late,
    NotSent,
}

/// <summary>
/// A case the meeting agreed to treat although its papers had not gone out in advance: why, and who objected
/// (members and deputies present with a vote; fewer than a third of them).
/// </summary>
public sealed record UnannouncedTreatment(string Reason, IReadOnlyList<string> Objections);

/// <summary>"The committee cannot decide a case that was not announced and sent out in advance."</summary>
public static class AnnouncementRules
{
    /// <summary>The rule an agreement to treat an unannounced case is made under, as the minutes cite it.</summary>
    public const string Rule = "Møtet kan behandle en sak som ikke var sendt ut på forhånd, med mindre minst en tredjedel av de stemmeberettigede motsetter seg det (som kommuneloven § 11-3 femte ledd)";

    /// <summary>
    /// The papers went out in time when the summons went by the end of the day the body's notice names (7 days
    /// before an SSU meeting; an action at that very instant counts as in time), late when it went after that but
    /// before the meeting began, and not at all otherwise.
    /// </summary>
    public static PapersOut Papers(DateTimeOffset? summonsSentAt, DateOnly meetingDate, TimeOnly meetingStart, int noticeDays) => summonsSentAt switch
    {
        { } sent when sent <= Oslo.StartOfDay(meetingDate.AddDays(-noticeDays + 1)) => PapersOut.InTime,
        { } sent when sent < Oslo.At(meetingDate, meetingStart) => PapersOut.Late,
        _ => PapersOut.NotSent,
    };

    /// <inheritdoc cref="Papers(DateTimeOffset?, DateOnly, TimeOnly, int)"/>
    public static PapersOut Papers(DateTimeOffset? summonsSentAt, Meetings.Meeting meeting, Meetings.BodyRules rules) =>
        Papers(summonsSentAt, meeting.Date, meeting.Start, rules.NoticeDays);

    /// <summary>The meeting may treat an unannounced case unless at least a third of those with a vote object.</summary>
    public static bool MayTreat(int voters, int objections) => voters > 0 && objections * 3 < voters;

    /// <summary>What is missing for a decision in the case, in the words of the problem the secretariat sees.</summary>
    public static string Missing(PapersOut papers, int noticeDays) => papers switch
    {
        PapersOut.Late => $"Innkallingen med sakspapirene gikk ut senere enn {noticeDays} dager før møtet",
        _ => "Innkallingen med sakspapirene ble aldri sendt ut",
    };

    /// <summary>The minutes' account of the agreement: the reason, the rule, and who objected.</summary>
    public static string Account(UnannouncedTreatment t, Func<string, string> name) =>
        $"Saken var ikke sendt ut på forhånd. Møtet vedtok å behandle den: {t.Reason.TrimEnd('.')}. {Rule}. " +
        (t.Objections.Count == 0 ? "Ingen motsatte seg behandlingen." : $"Motsatte seg behandlingen: {string.Join(", ", t.Objections.Select(name))}.");
}
