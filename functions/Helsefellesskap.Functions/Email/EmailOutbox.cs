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
/// the message (<see cref="IEmailSender.WasDelivered"/>).
/// </summary>
public sealed class EmailOutbox(StorageClients storage, IEmailSender sender, PendingMail pending, EmailTemplates templates, Microsoft.Extensions.Options.IOptions<Common.SecretariatOptions> secretariat, TimeProvider clock, ILogger<EmailOutbox> log)
{
    private const string Partition = "email";
    private static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>After this many failed tries a message is given up as failed (a permanent refusal gives up at once).</summary>
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
        var key = RowKey(message.Id);
        var table = await storage.Table(StorageNames.Outbox);
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

    /// <summary>Sends the message unless it is sent or claimed by someone else; failures leave it pending for the next try.</summary>
    public async Task<State> TrySend(string messageId, CancellationToken ct = default) =>
        (await Send(messageId, ct)).State ?? throw new InvalidOperationException($"No outbox record for message {messageId}.");

    /// <returns>The message's state (none if it was never recorded), and whether this call settled it (marked it sent or failed, leaving the index).</returns>
    private async Task<(State? State, bool Settled)> Send(string messageId, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(messageId), cancellationToken: ct);
        if (!found.HasValue)
        {
            return (null, false);
        }

        var entity = found.Value!;
        var state = Enum.Parse<State>(entity.GetString("State"));
        var now = clock.GetUtcNow();
        if (state is State.Sent or State.Failed || (state == State.Sending && entity.GetDateTimeOffset("ClaimedUntil") > now))
        {
            return (state, false);
        }

        // A claim that ran out, or a try whose answer was lost, may have reached the provider: ask it
        // before handing the message over again.
        var uncertain = state == State.Sending || entity.GetBoolean(MaybeDelivered) == true;
        entity["State"] = State.Sending.ToString();
        entity["ClaimedUntil"] = now + ClaimLease;
        entity["Attempts"] = (entity.GetInt32("Attempts") ?? 0) + 1;
        ETag claimed;
        try
        {
            claimed = (await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, ct)).Headers.ETag!.Value;
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            return (State.Sending, false);
        }

        string providerId;
        try
        {
            providerId = await HandOver(messageId, entity, uncertain, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var giveUp = IsPermanent(e) || entity.GetInt32("Attempts") >= MaxAttempts;
            entity["State"] = (giveUp ? State.Failed : State.Pending).ToString();
            entity["LastError"] = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
            // Only a refusal with a status code is known not to have reached the provider.
            entity[MaybeDelivered] = e is not HttpRequestException { StatusCode: not null };
            if (!giveUp)
            {
                await table.UpdateEntityAsync(entity, claimed, TableUpdateMode.Replace, ct);
                log.LogWarning(e, "Sending email {MessageId} failed; it stays in the outbox for the next try", messageId);
                return (State.Pending, false);
            }

            await Settle(table, entity, claimed, messageId, ct);
            log.LogError(e, "Email {MessageId} could not be delivered and is given up", messageId);
            await TellSecretariat(messageId, entity, ct);
            return (State.Failed, true);
        }

        // If this write fails the claim stands; after its lease the next dispatcher asks the provider.
        entity["State"] = State.Sent.ToString();
        entity["SentAt"] = clock.GetUtcNow();
        entity["ProviderId"] = providerId;
        entity["LastError"] = null;
        entity[MaybeDelivered] = false;
        await Settle(table, entity, claimed, messageId, ct);
        return (State.Sent, true);
    }

    /// <summary>Writes a message's final state under its claim and removes it from the index of pending mail, in one transaction.</summary>
    private static async Task Settle(TableClient table, TableEntity entity, ETag claimed, string messageId, CancellationToken ct)
    {
        try
        {
            await table.SubmitTransactionAsync([new(TableTransactionActionType.UpdateReplace, entity, claimed), PendingMail.Remove(Partition, messageId)], ct);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
        {
            // A message recorded before the index, not yet indexed: no index row to remove.
            await table.UpdateEntityAsync(entity, claimed, TableUpdateMode.Replace, ct);
        }
    }

    private const string MaybeDelivered = "MaybeDelivered";

    /// <summary>What the provider answered when it was found to have the message already.</summary>
    public const string FoundAtProvider = "(funnet hos leverandøren)";

    private async Task<string> HandOver(string messageId, TableEntity entity, bool uncertain, CancellationToken ct)
    {
        if (uncertain)
        {
            switch (await sender.WasDelivered(messageId, ct))
            {
                case true:
                    log.LogInformation("Email {MessageId} had reached the provider before its try was cut off; it is not sent again", messageId);
                    return FoundAtProvider;
                case null:
                    log.LogWarning("The provider cannot tell whether email {MessageId} reached it before its try was cut off; it is sent again", messageId);
                    break;
            }
        }

        return await sender.Send(await MessageOf(entity, ct), ct);
    }

    /// <summary>A table column holds 64 KiB (32,768 UTF-16 characters); larger messages go to a blob.</summary>
    private const int InlineLimit = 30_000;

    /// <summary>The message of an outbox row: in its column (every row written before blobs were used), or in its blob.</summary>
    private Task<EmailMessage> MessageOf(TableEntity entity, CancellationToken ct) => MessageOf(storage, entity, ct);

    internal static async Task<EmailMessage> MessageOf(StorageClients storage, TableEntity entity, CancellationToken ct)
    {
        if (entity.GetString("Message") is { } inline)
        {
            return Json.Read<EmailMessage>(inline);
        }

        var blobs = await storage.Container(StorageNames.OutboxMessagesContainer);
        return Json.Read<EmailMessage>((await blobs.GetBlobClient(entity.GetString("MessageBlob")).DownloadContentAsync(ct)).Value.Content.ToString());
    }

    /// <summary>A refusal that trying again cannot change: the provider's 4xx other than 408 and 429 (a bad address, a rejected message).</summary>
    public static bool IsPermanent(Exception e) =>
        e is HttpRequestException { StatusCode: { } status } && (int)status is >= 400 and < 500 and not 408 and not 429;

    /// <summary>The secretariat hears once of each message given up, unless that message was itself such a notice.</summary>
    private async Task TellSecretariat(string messageId, TableEntity entity, CancellationToken ct)
    {
        if (messageId.StartsWith(MessageIds.EmailFailed(""), StringComparison.Ordinal))
        {
            return;
        }

        var message = await MessageOf(entity, ct);
        var notice = await templates.Compose(Emails.EmailFailed, MessageIds.EmailFailed(messageId), EmailAddress.Secretariat(secretariat.Value),
            new EmailFailedEmail(message.Subject, string.Join(", ", message.To.Select(t => t.Email)), entity.GetString("LastError") ?? "", entity.GetInt32("Attempts") ?? 0));
        await Enqueue(notice, ct);
    }

    /// <summary>How many messages are given up as failed: shown in health.</summary>
    public async Task<int> FailedCount(CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and State eq {nameof(State.Failed)}"), select: ["RowKey"], cancellationToken: ct))
        {
            count++;
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
