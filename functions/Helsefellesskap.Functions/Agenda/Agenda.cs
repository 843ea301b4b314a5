using System.Globalization;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>One line of a meeting's agenda: a standing item or a case, numbered in its year's series.</summary>
public sealed record AgendaItem(int Number, string Title, CaseKind Kind, string? CaseId, int Year)
{
    /// <summary>"Sak 10/25" is written "10/25": the number, then the year in two digits.</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Number}/{Year % 100:00}");

    /// <summary>In document headers the real papers write "Sak 10-2025".</summary>
    public string HeaderLabel => string.Create(CultureInfo.InvariantCulture, $"{Number}-{Year}");
}

/// <summary>
/// "Every agenda opens with Godkjenning av innkalling og saksliste, carries Orientering fra
/// sekretariatet, and ends with Eventuelt. Case numbers run per body per calendar year, in agenda
/// order; they are given when the agenda is frozen and never given again." (docs/rules.md,
/// <see cref="CaseNumbering"/>)
/// </summary>
public static class AgendaRules
{
    public const string Approval = "Godkjenning av innkalling og saksliste";
    public const string SecretariatReport = "Orientering fra sekretariatet";
    public const string AnyOtherBusiness = "Eventuelt";

    public const int StandingItems = 3;

    /// <summary>The agenda: approval first, then the cases in their order, the secretariat's report, and Eventuelt last.</summary>
    public static IReadOnlyList<AgendaItem> Compose(IReadOnlyList<CaseRecord> casesInOrder, int firstNumber, int year)
    {
        var items = new List<AgendaItem> { new(firstNumber, Approval, CaseKind.Decision, null, year) };
        items.AddRange(casesInOrder.Select((c, i) => new AgendaItem(firstNumber + 1 + i, c.Title, c.Kind, c.Id, year)));
        items.Add(new AgendaItem(firstNumber + 1 + casesInOrder.Count, SecretariatReport, CaseKind.Information, null, year));
        items.Add(new AgendaItem(firstNumber + 2 + casesInOrder.Count, AnyOtherBusiness, CaseKind.Information, null, year));
        return items;
    }

    /// <summary>How many numbers an agenda with this many cases takes: its cases and the standing items.</summary>
    public static int Size(int cases) => cases + StandingItems;

    /// <summary>Cases that belong on a meeting's agenda: assigned to it and not rejected, redirected or withdrawn.</summary>
    public static bool IsOnAgenda(CaseRecord c, MeetingId meetingId) =>
        c.MeetingId == meetingId.Value && c.Status is CaseStatus.Received or CaseStatus.Accepted or CaseStatus.OnAgenda or CaseStatus.Treated or CaseStatus.Closed;
}
