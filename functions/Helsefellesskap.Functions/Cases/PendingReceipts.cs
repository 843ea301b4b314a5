using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// The cases whose receipt is not recorded yet, so the ticker's sweep reads those instead of filtering
/// every case ever received. An index row sits beside its case in the case partition (row
/// "!receipt.{id}", sorted before every case, with the time received) and is written in one transaction
/// with the new case and removed in one with the mark, so it costs no request of its own. Cases stored
/// before the index existed and still waiting are indexed once per storage account (marker row
/// "indexed/receipts" in the index table).
/// </summary>
public sealed class PendingReceipts(StorageClients storage, CaseStore cases)
{
    private const string Prefix = "!receipt.";

    private volatile bool indexed;

    /// <summary>The index row of a new case, for the transaction that stores it.</summary>
    public static TableTransactionAction Row(string partition, CaseRecord c) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, Prefix + c.Id) { ["ReceivedAt"] = c.ReceivedAt });

    /// <summary>Marks the case's receipt as recorded and takes it out of the index, in one transaction.</summary>
    public Task MarkRecorded(string id, CancellationToken ct = default) => MarkRecorded([id], ct);

    /// <summary>Marks the cases' receipts as recorded and takes them out of the index, in one transaction (each alone if one has no index row).</summary>
    public async Task MarkRecorded(IReadOnlyList<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var table = await storage.Table(StorageNames.Cases);
        try
        {
            await table.SubmitTransactionAsync(ids.SelectMany(id => new[]
            {
                new TableTransactionAction(TableTransactionActionType.UpdateMerge, Mark(id), ETag.All),
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(CaseStore.Partition, Prefix + id), ETag.All),
            }), ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && ids.Count > 1)
        {
            foreach (var id in ids)
            {
                await MarkRecorded(id, ct);
            }
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
        {
            // A case stored before the index (or swept twice at once): no index row to remove.
            await table.UpdateEntityAsync(Mark(ids[0]), ETag.All, TableUpdateMode.Merge, ct);
        }
    }

    private static TableEntity Mark(string id) => new(CaseStore.Partition, id) { [CaseStore.ReceiptPending] = false };

    /// <summary>Cases received before <paramref name="before"/> whose receipt is not recorded (one range query, then each case).</summary>
    public async Task<IReadOnlyList<CaseRecord>> Before(DateTimeOffset before, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Cases);
        if (!indexed)
        {
            await IndexOlderCases(table, ct);
            indexed = true;
        }

        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CaseStore.Partition} and RowKey ge {Prefix} and RowKey lt {Prefix[..^1] + "/"}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ReceivedAt"], cancellationToken: ct))
        {
            if (e.GetDateTimeOffset("ReceivedAt") < before)
            {
                ids.Add(e.RowKey[Prefix.Length..]);
            }
        }

        return ids.Count == 0 ? [] : await cases.Find(ids, ct);
    }

    private static async Task IndexOlderCases(TableClient table, CancellationToken ct)
    {
        var markers = await table.GetEntityIfExistsAsync<TableEntity>("indexed", "receipts", select: ["RowKey"], cancellationToken: ct);
        if (markers.HasValue)
        {
            return;
        }

        var rows = new List<TableTransactionAction>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CaseStore.Partition} and ReceiptPending eq {true}"),
                           select: ["RowKey", "ReceivedAt"], cancellationToken: ct))
        {
            rows.Add(new(TableTransactionActionType.UpsertReplace, new TableEntity(CaseStore.Partition, Prefix + e.RowKey) { ["ReceivedAt"] = e.GetDateTimeOffset("ReceivedAt") }));
        }

        foreach (var batch in rows.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch, ct);
        }

        await table.UpsertEntityAsync(new TableEntity("indexed", "receipts"), TableUpdateMode.Replace, ct);
    }
}
