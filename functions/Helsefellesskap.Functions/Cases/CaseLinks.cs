using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// The submitter's personal link to follow a case, without the secretariat key. The link itself carries
/// no date (links already sent in receipts keep their form); it stops working a year after the meeting
/// that treated the case, or a year after it was received if it never got one.
/// </summary>
public sealed class CaseLinks(SignedLinks links)
{
    /// <summary>How long after its meeting (or its receipt) a case's status link works.</summary>
    public const int DaysValid = 365;

    /// <summary>The last day the status link of <paramref name="record"/> works.</summary>
    public static DateOnly LastDay(CaseRecord record) => (record.MeetingDate ?? Oslo.DateOf(record.ReceivedAt)).AddDays(DaysValid);

    public static bool HasExpired(CaseRecord record, DateTimeOffset now) => Oslo.DateOf(now) > LastDay(record);

    private const string Purpose = "case-status";

    public string StatusPath(string caseId) => $"/api/sak/status/{Uri.EscapeDataString(caseId)}?token={links.Token(Purpose, caseId)}";

    public string StatusUrl(string caseId) => links.Absolute(StatusPath(caseId));

    /// <summary>The case as the secretariat reads it (with its key).</summary>
    public string SecretariatUrl(string caseId) => links.Absolute($"/api/cases/{Uri.EscapeDataString(caseId)}");

    public bool IsValid(string caseId, string? token) => links.IsValid(Purpose, caseId, token);
}
