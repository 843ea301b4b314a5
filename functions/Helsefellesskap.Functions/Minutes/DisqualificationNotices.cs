using Azure.Data.Tables;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>A member's notice, ahead of the meeting, that they are disqualified for a case (forvaltningsloven § 6).</summary>
public sealed record DisqualificationNotice(string MemberId, string CaseId, string? Reason, DateTimeOffset DeclaredAt);

/// <summary>
/// Disqualification declared ahead through the member's personal link: kept per meeting (table Minutes, partition
/// "inhabil.{meeting id}", row "{member id}|{case id}"). It is a notice, not the decision: the meeting decides
/// (forvaltningsloven § 8), so an outcome that names who left a case overrides it, and one that does not takes it.
/// </summary>
public sealed class DisqualificationNotices(StorageClients storage, TimeProvider clock)
{
    private static string Partition(MeetingId meetingId) => $"inhabil.{meetingId.Value}";

    public async Task<IReadOnlyList<DisqualificationNotice>> For(MeetingId meetingId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Minutes);
        var partition = Partition(meetingId);
        var result = new List<DisqualificationNotice>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct))
        {
            result.Add(new DisqualificationNotice(e.GetString("MemberId"), e.GetString("CaseId"), e.GetString("Reason"), e.GetDateTimeOffset("DeclaredAt")!.Value));
        }

        return result;
    }

    /// <summary>The cases, by id, a member has declared themselves disqualified for at this meeting.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByCase(IEnumerable<DisqualificationNotice> notices) =>
        notices.GroupBy(n => n.CaseId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(n => n.MemberId).Order(StringComparer.Ordinal).ToList());

    /// <summary>Replaces a member's notices for the meeting with <paramref name="cases"/> (case id → the grounds, if given); returns when it was declared.</summary>
    public async Task<DateTimeOffset> Declare(MeetingId meetingId, string memberId, IReadOnlyDictionary<string, string?> cases, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Minutes);
        var now = clock.GetUtcNow();
        var partition = Partition(meetingId);
        foreach (var earlier in (await For(meetingId, ct)).Where(n => n.MemberId == memberId && !cases.ContainsKey(n.CaseId)))
        {
            await table.DeleteEntityAsync(partition, Row(memberId, earlier.CaseId), cancellationToken: ct);
        }

        foreach (var (caseId, reason) in cases)
        {
            await table.UpsertEntityAsync(new TableEntity(partition, Row(memberId, caseId))
            {
                ["MemberId"] = memberId,
                ["CaseId"] = caseId,
                ["Reason"] = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
                ["DeclaredAt"] = now,
            }, TableUpdateMode.Replace, ct);
        }

        return now;
    }

    private static string Row(string memberId, string caseId) => $"{memberId}|{caseId}";
}
