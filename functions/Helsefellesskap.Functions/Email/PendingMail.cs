using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// The index of messages that may still need sending, so the ticker reads those instead of filtering all
/// mail ever sent. An index row sits in the outbox's own partition beside its message (row
/// "!pending.{id}", sorted before every message id) and is written and removed in one table transaction
/// with the message's row: recorded (or sent again) with it, removed when it is marked sent or failed, so
/// it costs no request of its own. Mail recorded before the index existed is indexed once per storage
/// account (marker row "meta/pending-indexed").
/// </summary>
public sealed class PendingMail
{
    private const string Prefix = "!pending.";
    private const string MarkerPartition = "meta";
    private const string MarkerRow = "pending-indexed";

    private volatile bool indexed;

    /// <summary>True for the index's rows, which a reader of the messages skips.</summary>
    public static bool IsIndexRow(string rowKey) => rowKey.StartsWith('!');

    public static TableTransactionAction Add(string partition, string messageId) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, Prefix + messageId));

    public static TableTransactionAction Remove(string partition, string messageId) =>
        new(TableTransactionActionType.Delete, new TableEntity(partition, Prefix + messageId), ETag.All);

    /// <summary>Removes an index row on its own (a message found settled that still had one).</summary>
    public static async Task RemoveAlone(TableClient table, string partition, string messageId, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(partition, Prefix + messageId, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already.
        }
    }

    /// <summary>The ids of the indexed messages, read with one range query; the first call of a process makes sure older mail is indexed.</summary>
    public async Task<IReadOnlyList<string>> List(TableClient table, string partition, CancellationToken ct)
    {
        if (!indexed)
        {
            await IndexOlderMail(table, partition, ct);
            indexed = true;
        }

        var ids = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {Prefix} and RowKey lt {Prefix[..^1] + "/"}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: ct))
        {
            ids.Add(e.RowKey[Prefix.Length..]);
        }

        return ids;
    }

    private static async Task IndexOlderMail(TableClient table, string partition, CancellationToken ct)
    {
        if ((await table.GetEntityIfExistsAsync<TableEntity>(MarkerPartition, MarkerRow, select: ["RowKey"], cancellationToken: ct)).HasValue)
        {
            return;
        }

        var waiting = new List<TableTransactionAction>();
        await foreach (var e in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and State ne {nameof(EmailOutbox.State.Sent)} and State ne {nameof(EmailOutbox.State.Failed)}"),
                           select: ["MessageId"], cancellationToken: ct))
        {
            if (e.GetString("MessageId") is { } id)
            {
                waiting.Add(Add(partition, id));
            }
        }

        foreach (var batch in waiting.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch, ct);
        }

        await table.UpsertEntityAsync(new TableEntity(MarkerPartition, MarkerRow), TableUpdateMode.Replace, ct);
    }
}
