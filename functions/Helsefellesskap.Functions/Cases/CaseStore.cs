using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// Cases in Table storage: partition "case", row = reference. Long texts each get their own column (64 KiB
/// per column). Beside them an index of each meeting's cases, and of each day's new cases (partition
/// "received.{date}", for the secretariat's digest) (<see cref="StorageNames.CasesByMeeting"/>),
/// so a meeting's agenda reads its own cases, not every case of every year: an index row is written
/// before the case row it points to, never removed (a case moved on leaves a stale row, and readers
/// check the case itself), and a body whose cases came before the index is indexed once on first use. The row's
/// shape is CaseStore.Rows.cs.
/// </summary>
public sealed partial class CaseStore(StorageClients storage)
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9!*+/=_-]{1,1024} [A-Za-z0-9!*+/=_-]{1,1024}$")]
    private static partial System.Text.RegularExpressions.Regex ContinuationShape();

    internal const string Partition = "case";

    /// <summary>Partition of the marker rows saying a body's older cases are in the index.</summary>
    private const string IndexedPartition = "indexed";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> indexedBodies = new(StringComparer.Ordinal);

    /// <summary>Stores a new case, marked as waiting for its receipt until <see cref="PendingReceipts.MarkRecorded"/> (with its row in that index, in one transaction).</summary>
    public async Task Add(CaseRecord record, CancellationToken ct = default)
    {
        // The meeting's index row before the case: an index row is checked against its case.
        await Index(record, ct);
        var table = await storage.Table(StorageNames.Cases);
        var entity = ToEntity(record);
        entity[ReceiptPending] = true;
        await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, entity), PendingReceipts.Row(Partition, record)], ct);
    }

    private async Task Index(CaseRecord record, CancellationToken ct)
    {
        if (record.MeetingId is { } meeting)
        {
            var index = await storage.Table(StorageNames.CasesByMeeting);
            await index.UpsertEntityAsync(new TableEntity(meeting, record.Id) { ["Body"] = record.Body }, TableUpdateMode.Replace, ct);
        }
    }

    /// <summary>
    /// The cases received on a day (Oslo), for the morning's digest: one query of the cases by when they came, once a day.
    /// (Until 2026-12-07 each case also wrote a row under "received.{day}" in the meeting index, a request per submission
    /// for a read once a day; those rows are left as they are and no longer read.)
    /// </summary>
    public async Task<IReadOnlyList<CaseRecord>> ReceivedOn(DateOnly day, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Cases);
        var (from, to) = (Common.Oslo.StartOfDay(day), Common.Oslo.StartOfDay(day.AddDays(1)));
        var found = new List<CaseRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and ReceivedAt ge {from} and ReceivedAt lt {to}"), cancellationToken: ct))
        {
            if (!e.RowKey.StartsWith('!'))
            {
                found.Add(ToRecord(e)); // not the index of pending receipts ("!receipt.{id}"), which keeps the time too
            }
        }

        return found;
    }

    /// <summary>The case ids a meeting's index partition lists.</summary>
    private async Task<List<string>> IndexedIn(string partition, CancellationToken ct)
    {
        var index = await storage.Table(StorageNames.CasesByMeeting);
        var ids = new List<string>();
        await foreach (var e in index.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"], cancellationToken: ct))
        {
            ids.Add(e.RowKey);
        }

        return ids;
    }

    /// <summary>The cases assigned to a meeting now: read through the index, each checked against its own row.</summary>
    public async Task<IReadOnlyList<CaseRecord>> OnMeeting(string body, MeetingId meetingId, CancellationToken ct = default)
    {
        await EnsureIndexed(body, ct);
        return (await Find(await IndexedIn(meetingId.Value, ct), ct)).Where(c => c.MeetingId == meetingId.Value).OrderBy(c => c.ReceivedAt).ToList();
    }

    /// <summary>Several cases by id (those that exist), read at once.</summary>
    public async Task<IReadOnlyList<CaseRecord>> Find(IEnumerable<string> ids, CancellationToken ct = default)
    {
        using var gate = new SemaphoreSlim(8);
        var found = await Task.WhenAll(ids.Distinct().Select(async id =>
        {
            await gate.WaitAsync(ct);
            try
            {
                return await Find(id, ct);
            }
            finally
            {
                gate.Release();
            }
        }));
        return found.OfType<CaseRecord>().ToList();
    }

    /// <summary>Cases stored before the index existed are indexed once per body; a marker row says it is done.</summary>
    private async Task EnsureIndexed(string body, CancellationToken ct)
    {
        if (indexedBodies.ContainsKey(body))
        {
            return;
        }

        var index = await storage.Table(StorageNames.CasesByMeeting);
        if (!(await index.GetEntityIfExistsAsync<TableEntity>(IndexedPartition, body, cancellationToken: ct)).HasValue)
        {
            foreach (var c in await List(body, null, ct))
            {
                await Index(c, ct);
            }

            await index.UpsertEntityAsync(new TableEntity(IndexedPartition, body), TableUpdateMode.Replace, ct);
        }

        indexedBodies[body] = true;
    }

    /// <summary>Stores a new case unless one with its id exists; false if it did.</summary>
    public async Task<bool> AddIfAbsent(CaseRecord record, CancellationToken ct = default)
    {
        try
        {
            await Add(record, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }
    }

    /// <summary>
    /// A column only a new case has until its receipt is recorded (<see cref="PendingReceipts"/>). Rows
    /// saved again (a status change replaces the row) have none; the index still holds such a case.
    /// </summary>
    internal const string ReceiptPending = "ReceiptPending";

    /// <summary>Saves a changed case (status, meeting, reason). The secretariat's last change wins.</summary>
    public async Task Update(CaseRecord record, CancellationToken ct = default)
    {
        await Index(record, ct);
        var table = await storage.Table(StorageNames.Cases);
        await table.UpdateEntityAsync(ToEntity(record), Azure.ETag.All, TableUpdateMode.Replace, ct);
    }

    public async Task<CaseRecord?> Find(string id, CancellationToken ct = default)
    {
        if (!TableKeys.IsValid(id))
        {
            return null;
        }

        var table = await storage.Table(StorageNames.Cases);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: ct);
        return found.HasValue ? ToRecord(found.Value!) : null;
    }

    public async Task<IReadOnlyList<CaseRecord>> List(string? body, CaseStatus? status, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Cases);
        var result = new List<CaseRecord>();
        await foreach (var e in table.QueryAsync<TableEntity>(Filter(body, status), cancellationToken: ct))
        {
            result.Add(ToRecord(e));
        }

        return result.OrderBy(c => c.ReceivedAt).ToList();
    }

    /// <summary>
    /// One page of cases in reference order (the order they came in), and the continuation for the next page
    /// (null on the last). Returns null for a continuation this store did not give.
    /// </summary>
    public async Task<(IReadOnlyList<CaseRecord> Cases, string? Next)?> Page(string? body, CaseStatus? status, int limit, string? continuation, CancellationToken ct = default)
    {
        // The table's own continuation (its next partition and row key, encoded by the service), checked for
        // shape; one the service cannot read is refused like a malformed one. The filter applies to every page.
        if (continuation is not null && !ContinuationShape().IsMatch(continuation))
        {
            return null;
        }

        var table = await storage.Table(StorageNames.Cases);
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(Filter(body, status), maxPerPage: limit, cancellationToken: ct).AsPages(continuation, limit))
            {
                return (page.Values.Select(ToRecord).ToList(), page.ContinuationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 400 && continuation is not null)
        {
            return null;
        }

        return ([], null);
    }

    private static string Filter(string? body, CaseStatus? status)
    {
        // Index rows beside the cases ("!receipt.…") sort before every case id and are left out.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey gt {"!~"}");
        if (body is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Body eq {body}");
        }

        if (status is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Status eq {status.Value.ToString()}");
        }

        return filter;
    }
}
