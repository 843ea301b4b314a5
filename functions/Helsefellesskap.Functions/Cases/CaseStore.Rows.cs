using System.Globalization;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>A case's row: the one place its stored shape is written and read.</summary>
public sealed partial class CaseStore
{
    /// <summary>The stored shape (one column per field, long texts in their own columns): as in the first release, plus "Urgent" (2026-12-07).</summary>
    internal static TableEntity ToEntity(CaseRecord c) => new(Partition, c.Id)
    {
        ["Body"] = c.Content.Body,
        ["Title"] = c.Content.Title,
        ["Kind"] = c.Content.Kind.ToString(),
        ["From"] = c.Content.From,
        ["Submitter"] = Json.Write(c.Content.Submitter),
        ["Summary"] = c.Content.Summary,
        ["Background"] = c.Content.Background,
        ["Assessment"] = c.Content.Assessment,
        ["ProposedDecision"] = Json.Write(c.Content.ProposedDecision),
        ["PreferredMeetingDate"] = c.Content.PreferredMeetingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Exemption"] = c.Content.Exemption is null ? null : Json.Write(c.Content.Exemption),
        ["Attachments"] = Json.Write(c.Attachments),
        ["Status"] = c.Status.ToString(),
        ["MeetingId"] = c.MeetingId,
        ["MeetingDate"] = c.MeetingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["ReceivedAt"] = c.ReceivedAt,
        ["StatusReason"] = c.StatusReason,
        ["Urgent"] = c.Urgent,
    };

    /// <summary>How an urgent case's reason was kept before it had a column of its own: a prefix on the status reason, cleared by the outcome.</summary>
    internal const string LegacyUrgentPrefix = "Hastesak etter saksfristen: ";

    internal static CaseRecord ToRecord(TableEntity e)
    {
        static DateOnly? Date(string? s) => s is null ? null : DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var content = new CaseSubmission(
            e.GetString("Body"),
            e.GetString("Title"),
            Enum.Parse<CaseKind>(e.GetString("Kind")),
            e.GetString("From"),
            Json.Read<Submitter>(e.GetString("Submitter")),
            e.GetString("Summary"),
            e.GetString("Background"),
            e.GetString("Assessment") ?? "",
            Json.Read<List<string>>(e.GetString("ProposedDecision")),
            Date(e.GetString("PreferredMeetingDate")),
            e.GetString("Exemption") is { } x ? Json.Read<Exemption>(x) : null);
        return new CaseRecord(
            e.RowKey,
            content,
            Json.Read<List<CaseAttachment>>(e.GetString("Attachments")),
            Enum.Parse<CaseStatus>(e.GetString("Status")),
            e.GetString("MeetingId"),
            Date(e.GetString("MeetingDate")),
            e.GetDateTimeOffset("ReceivedAt")!.Value,
            e.GetString("StatusReason"))
        {
            Urgent = e.GetString("Urgent")
                ?? (e.GetString("StatusReason") is { } legacy && legacy.StartsWith(LegacyUrgentPrefix, StringComparison.Ordinal) ? legacy[LegacyUrgentPrefix.Length..] : null),
        };
    }
}
