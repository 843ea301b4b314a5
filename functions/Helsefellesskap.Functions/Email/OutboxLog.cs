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
        await foreach (var e in table.QueryAsync<TableEntity>(filter, select: ["RowKey", "MessageId", "State", "CreatedAt", "SentAt", "Attempts", "LastError", "To", "Subject"], cancellationToken: ct))
        {
            if (PendingMail.IsIndexRow(e.RowKey))
            {
                continue;
            }

            var id = e.GetString("MessageId") ?? e.RowKey;
            if (contains is null || id.Contains(contains, StringComparison.Ordinal))
            {
                entries.Add(new OutboxEntry(id, Enum.Parse<EmailOutbox.State>(e.GetString("State")), e.GetDateTimeOffset("CreatedAt") ?? default, e.GetDateTimeOffset("SentAt"),
                    e.GetInt32("Attempts") ?? 0, e.GetString("LastError"), e.GetString("To") ?? "", e.GetString("Subject") ?? ""));
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
}
