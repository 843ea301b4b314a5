using System.Globalization;
using Helsefellesskap.Functions.Cases;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>One line of a meeting's agenda: a standing item or a case.</summary>
public sealed record AgendaItem(int Number, string Title, CaseKind Kind, string? CaseId)
{
    /// <summary>"Sak 10/25" is written "10/25": the number, then the year in two digits.</summary>
    public string Label(int year) => string.Create(CultureInfo.InvariantCulture, $"{Number}/{year % 100:00}");
}

/// <summary>
/// "Every agenda opens with Godkjenning av innkalling og saksliste, carries Orientering fra
/// sekretariatet, and ends with Eventuelt. Case numbers run per body per calendar year, in agenda
/// order." (docs/rules.md)
/// </summary>
public static class AgendaRules
{
    public const string Approval = "Godkjenning av innkalling og saksliste";
    public const string SecretariatReport = "Orientering fra sekretariatet";
    public const string AnyOtherBusiness = "Eventuelt";

    public const int StandingItems = 3;

    /// <summary>The agenda: approval first, then the cases in their order, the secretariat's report, and Eventuelt last.</summary>
    public static IReadOnlyList<AgendaItem> Compose(IReadOnlyList<CaseRecord> casesInOrder, int firstNumber)
    {
        var items = new List<AgendaItem> { new(firstNumber, Approval, CaseKind.Decision, null) };
        items.AddRange(casesInOrder.Select((c, i) => new AgendaItem(firstNumber + 1 + i, c.Title, c.Kind, c.Id)));
        items.Add(new AgendaItem(firstNumber + 1 + casesInOrder.Count, SecretariatReport, CaseKind.Information, null));
        items.Add(new AgendaItem(firstNumber + 2 + casesInOrder.Count, AnyOtherBusiness, CaseKind.Information, null));
        return items;
    }

    /// <summary>The first number of a meeting's agenda: one after every item of the body's earlier meetings that year.</summary>
    public static int FirstNumber(Meeting meeting, IEnumerable<Meeting> plan, Func<Meeting, int> casesOn) =>
        1 + plan.Where(m => m.Date.Year == meeting.Date.Year && m.Status == MeetingStatus.Planned)
                .Where(m => (m.Date, m.Start).CompareTo((meeting.Date, meeting.Start)) < 0)
                .Sum(m => StandingItems + casesOn(m));

    /// <summary>Cases that belong on a meeting's agenda: assigned to it and not rejected, redirected or withdrawn.</summary>
    public static bool IsOnAgenda(CaseRecord c, string meetingId) =>
        c.MeetingId == meetingId && c.Status is CaseStatus.Received or CaseStatus.Accepted or CaseStatus.OnAgenda or CaseStatus.Treated or CaseStatus.Closed;
}
