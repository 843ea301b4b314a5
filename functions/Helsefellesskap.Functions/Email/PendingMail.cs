using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// The index of messages that may still need sending (Outbox table, partition "pending", row = message
/// id), so the ticker reads only those instead of filtering all mail ever sent. A row is added before its
/// message is recorded and removed once the message is found sent or failed. Mail recorded before the
/// index existed is indexed once per storage account (marker row "meta/pending-indexed").
/// </summary>
public sealed class PendingMail(StorageClients storage, TimeProvider clock)
{
    private const string Partition = "pending";

    /// <summary>An index row whose message never appeared (the process died between the two writes) is dropped after this.</summary>
    public static readonly TimeSpan OrphanAfter = TimeSpan.FromMinutes(10);

    private volatile bool indexed;

    public async Task Add(string messageId, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Outbox);
        await table.UpsertEntityAsync(new TableEntity(Partition, messageId) { ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);
    }

    public async Task Remove(string messageId, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Outbox);
        try
        {
            await table.DeleteEntityAsync(Partition, messageId, ETag.All, ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Removed already.
        }
    }

    /// <summary>The indexed message ids with when they were indexed; the first call of a process makes sure older mail is indexed.</summary>
    public async Task<IReadOnlyList<(string MessageId, DateTimeOffset At)>> List(string emailPartition, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Outbox);
        if (!indexed)
        {
            await IndexOlderMail(table, emailPartition, ct);
            indexed = true;
        }

        var rows = new List<(string, DateTimeOffset)>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), select: ["RowKey", "At"], cancellationToken: ct))
        {
            rows.Add((e.RowKey, e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue));
        }

        return rows;
    }

    private async Task IndexOlderMail(TableClient table, string emailPartition, CancellationToken ct)
    {
        if ((await table.GetEntityIfExistsAsync<TableEntity>("meta", "pending-indexed", cancellationToken: ct)).HasValue)
        {
            return;
        }

        var waiting = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {emailPartition} and State ne {nameof(EmailOutbox.State.Sent)} and State ne {nameof(EmailOutbox.State.Failed)}"),
            select: ["MessageId"], cancellationToken: ct);
        await foreach (var e in waiting)
        {
            await Add(e.GetString("MessageId"), ct);
        }

        await table.UpsertEntityAsync(new TableEntity("meta", "pending-indexed") { ["At"] = clock.GetUtcNow() }, TableUpdateMode.Replace, ct);
    }
}
