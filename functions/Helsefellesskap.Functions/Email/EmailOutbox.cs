using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// Every email goes through here. A message is first recorded under its deterministic id, then
/// claimed, then sent, then marked sent. A second enqueue of the same id is a no-op, a message marked
/// sent is never sent again, and two dispatchers racing for one message are settled by the ETag of
/// the claim: only the winner sends. A try cut off between hand-over and record (the process died, the
/// answer was lost) is not repeated blindly: the next dispatcher first asks the provider whether it has
/// the message (<see cref="IEmailSender.WasDelivered"/>). One send, from claim to settled, is EmailOutbox.Sending.cs.
/// </summary>
public sealed partial class EmailOutbox(StorageClients storage, IEmailSender sender, PendingMail pending, EmailTemplates templates, Microsoft.Extensions.Options.IOptions<Common.SecretariatOptions> secretariat,
    MailProviderAlert providerAlert, TimeProvider clock, ILogger<EmailOutbox> log)
{
    private const string Partition = "email";
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>After this many failed tries a message is given up as failed (a permanent refusal gives up at once; a refusal of the app's credentials never).</summary>
    public const int MaxAttempts = 10;

    public enum State
    {
        Pending,
        Sending,
        Sent,

        /// <summary>Given up: the provider refused it for good, or it failed <see cref="MaxAttempts"/> times. Shown in health.</summary>
        Failed,
    }

    /// <summary>Records the message and tries to send it now. Returns false if the id was already recorded.</summary>
    public async Task<bool> Enqueue(EmailMessage message, CancellationToken ct = default)
    {
        var added = await Record(message, ct);
        await TrySend(message.Id, ct);
        return added;
    }

    /// <summary>Records the message without sending it (a step that sends many first records them all).</summary>
    public async Task<bool> Record(EmailMessage message, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var entity = await Entity(message, ct);

        // Recorded with its row in the index of pending mail, in one transaction.
        try
        {
            await table.SubmitTransactionAsync([new(TableTransactionActionType.Add, entity), PendingMail.Add(Partition, message.Id)], ct);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }
    }

    /// <summary>A message's row as recorded, pending; a large message's body in a blob the row points at.</summary>
    private async Task<TableEntity> Entity(EmailMessage message, CancellationToken ct)
    {
        var key = RowKey(message.Id);
        var json = Json.Write(message);
        var entity = new TableEntity(Partition, key)
        {
            ["MessageId"] = message.Id,
            ["State"] = State.Pending.ToString(),
            ["CreatedAt"] = clock.GetUtcNow(),
            ["Attempts"] = 0,
            // For the list of emails sent (Utsendelser), which then need not read every message.
            ["To"] = string.Join(", ", message.To.Select(t => t.Email)),
            ["Subject"] = message.Subject,
        };
        if (json.Length <= InlineLimit)
        {
            entity["Message"] = json;
        }
        else
        {
            // A large email (a deadline summary of many long titles) lives in a blob; the row points at it.
            var blobs = await storage.Container(StorageNames.OutboxMessagesContainer);
            await blobs.GetBlobClient($"{key}.json").UploadAsync(BinaryData.FromString(json), overwrite: true, ct);
            entity["MessageBlob"] = $"{key}.json";
        }

        return entity;
    }

    /// <summary>Sends the message unless it is sent or claimed by someone else; failures leave it pending for the next try.</summary>
    public async Task<State> TrySend(string messageId, CancellationToken ct = default) =>
        (await Send(messageId, ct)).State ?? throw new InvalidOperationException($"No outbox record for message {messageId}.");

    /// <summary>How many messages are given up as failed: shown in health.</summary>
    public async Task<int> FailedCount(CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var count = 0;
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and State eq {nameof(State.Failed)}"), select: ["MessageId"], cancellationToken: ct))
        {
            // The notice of a failure, given up too (the provider refuses everything), is the same failure told: counted once.
            count += e.GetString("MessageId")?.StartsWith(MessageIds.EmailFailed(""), StringComparison.Ordinal) == true ? 0 : 1;
        }

        return count;
    }

    /// <summary>
    /// Sends every message still pending, or claimed by a dispatcher that died, found through the index of
    /// pending mail (one range query, however much mail was ever sent). The ticker calls this.
    /// </summary>
    public async Task<int> SendPending(CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var sent = 0;
        foreach (var id in await pending.List(table, Partition, ct))
        {
            var (state, settled) = await Send(id, ct);
            sent += state == State.Sent && settled ? 1 : 0;
            if (state is null or State.Sent or State.Failed && !settled)
            {
                // Settled before it was indexed (older mail indexed while another instance sent it), or its
                // message removed by hand: the row goes, and the rest of the mail is sent.
                await PendingMail.RemoveAlone(table, Partition, id, ct);
            }
        }

        return sent;
    }

    /// <summary>A message given up as failed goes again (the secretariat asked, e.g. after correcting an address): pending, with a fresh count of tries.</summary>
    public async Task<State?> Retry(string messageId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(messageId), cancellationToken: ct);
        if (!found.HasValue || found.Value!.GetString("State") != nameof(State.Failed))
        {
            return found.HasValue ? Enum.Parse<State>(found.Value!.GetString("State")) : null;
        }

        var entity = found.Value;
        entity["State"] = State.Pending.ToString();
        entity["Attempts"] = 0;
        await table.SubmitTransactionAsync([new(TableTransactionActionType.UpdateReplace, entity, entity.ETag), PendingMail.Add(Partition, messageId)], ct);
        return await TrySend(messageId, ct);
    }

    public async Task<State?> StateOf(string messageId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(messageId), select: ["State"], cancellationToken: ct);
        return found.HasValue ? Enum.Parse<State>(found.Value!.GetString("State")) : null;
    }

    private static string RowKey(string messageId) =>
        TableKeys.IsValid(messageId) ? messageId : throw new ArgumentException($"'{messageId}' cannot be an outbox id.", nameof(messageId));
}
