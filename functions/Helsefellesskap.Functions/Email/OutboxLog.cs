using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>One email in the outbox as the secretariat's list shows it.</summary>
public sealed record OutboxEntry(string MessageId, EmailOutbox.State State, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, int Attempts, string? LastError, string To, string Subject);

/// <summary>The emails the app has recorded, newest first, for the workspace's Utsendelser.</summary>
public sealed class OutboxLog(StorageClients storage)
{
    /// <param name="contains">Only ids containing this (a meeting's or a case's id).</param>
    public async Task<IReadOnlyList<OutboxEntry>> List(string? contains, EmailOutbox.State? state, int max, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var filter = state is null ? "PartitionKey eq 'email'" : TableClient.CreateQueryFilter($"PartitionKey eq 'email' and State eq {state.ToString()}");
        var entries = new List<OutboxEntry>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: Columns, cancellationToken: ct))
        {
            if (PendingMail.IsIndexRow(e.RowKey))
            {
                continue;
            }

            var id = e.GetString("MessageId") ?? e.RowKey;
            if (contains is null || id.Contains(contains, StringComparison.Ordinal))
            {
                entries.Add(Entry(e));
            }
        }

        var newest = entries.OrderByDescending(e => e.CreatedAt).Take(max).ToList();

        // Rows recorded before the recipient and subject had columns of their own: read from the message.
        for (var i = 0; i < newest.Count; i++)
        {
            if (newest[i].To.Length == 0)
            {
                var row = await table.GetEntityAsync<TableEntity>("email", newest[i].MessageId, cancellationToken: ct);
                var message = await EmailOutbox.MessageOf(storage, row.Value, ct);
                newest[i] = newest[i] with { To = string.Join(", ", message.To.Select(t => t.Email)), Subject = message.Subject };
            }
        }

        return newest;
    }

    /// <summary>
    /// The emails whose ids start with <paramref name="prefix"/> ("summons.ssu-2027-02-11."), read with one
    /// range query over the ids, with their times and states (not their messages).
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> WithPrefix(string prefix, CancellationToken ct = default)
    {
        if (prefix.Length == 0 || !TableKeys.IsValid(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a prefix of outbox ids.", nameof(prefix));
        }

        var table = await storage.Table(StorageNames.Outbox);
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var entries = new List<OutboxEntry>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"email"} and RowKey ge {prefix} and RowKey lt {end}"), select: Columns, cancellationToken: ct))
        {
            entries.Add(Entry(e));
        }

        return entries;
    }

    private static readonly string[] Columns = ["RowKey", "MessageId", "State", "CreatedAt", "SentAt", "Attempts", "LastError", "To", "Subject"];

    private static OutboxEntry Entry(TableEntity e) =>
        new(e.GetString("MessageId") ?? e.RowKey, Enum.Parse<EmailOutbox.State>(e.GetString("State")), e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("SentAt"),
            e.GetInt32("Attempts") ?? 0, e.GetString("LastError"), e.GetString("To") ?? "", e.GetString("Subject") ?? "");
}
