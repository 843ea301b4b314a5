namespace Helsefellesskap.Functions.Cases;

public enum CaseKind
{
    Decision,
    Discussion,
    Information,
}

/// <summary>Where a case is in its life (DESIGN.md §3).</summary>
public enum CaseStatus
{
    Received,
    Accepted,
    OnAgenda,
    Redirected,
    Rejected,
    Withdrawn,
    Treated,
    Closed,
}

public sealed record Submitter(string Name, string Email, string Organisation);

/// <summary>A part exempt from public access (offentleglova), with its legal basis, e.g. "offl. § 13".</summary>
public sealed record Exemption(string LegalBasis, string? Reason);

public sealed record CaseAttachment(int Index, string FileName, string ContentType, long Size, string Sha256, string BlobName);

/// <summary>A case as the secretariat keeps it. <see cref="Id"/> is its reference, e.g. "HFH-2026-0042".</summary>
public sealed record CaseRecord(
    string Id,
    string Body,
    string Title,
    CaseKind Kind,
    string From,
    Submitter Submitter,
    string Summary,
    string Background,
    string Assessment,
    IReadOnlyList<string> ProposedDecision,
    DateOnly? PreferredMeetingDate,
    Exemption? Exemption,
    IReadOnlyList<CaseAttachment> Attachments,
    CaseStatus Status,
    string? MeetingId,
    DateOnly? MeetingDate,
    DateTimeOffset ReceivedAt,
    string? StatusReason)
{
    public string Reference => Id;
}

public static class CaseLabels
{
    public static string Kind(CaseKind kind) => kind switch
    {
        CaseKind.Decision => "Beslutningssak",
        CaseKind.Discussion => "Drøftingssak",
        CaseKind.Information => "Orienteringssak",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.Received => "Mottatt",
        CaseStatus.Accepted => "Akseptert for møte",
        CaseStatus.OnAgenda => "Satt på sakslisten",
        CaseStatus.Redirected => "Sendt videre",
        CaseStatus.Rejected => "Avvist",
        CaseStatus.Withdrawn => "Trukket",
        CaseStatus.Treated => "Behandlet",
        CaseStatus.Closed => "Avsluttet",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };
}
