using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>One send: claimed under the ETag, handed over (after asking the provider when an earlier try was cut off), settled, and a failure given up on told to the secretariat.</summary>
public sealed partial class EmailOutbox
{
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
        if (state is State.Sent or State.Failed || (state == State.Sending && entity.GetDateTimeOffset("ClaimedUntil") > now)
            || (state == State.Pending && entity.GetDateTimeOffset(RetryAfter) > now))
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
            providerId = await HandOver(messageId, entity, uncertain, null, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return await NotHandedOver(table, entity, claimed, messageId, e, now, ct);
        }

        // If this write fails the claim stands; after its lease the next dispatcher asks the provider.
        MarkSent(entity, providerId);
        await Settle(table, entity, claimed, messageId, ct);
        await providerAlert.Clear(ct);
        return (State.Sent, true);
    }

    private void MarkSent(TableEntity entity, string providerId)
    {
        entity["State"] = State.Sent.ToString();
        entity["SentAt"] = clock.GetUtcNow();
        entity["ProviderId"] = providerId;
        entity["LastError"] = null;
        entity[RetryAfter] = null;
        entity[MaybeDelivered] = false;
    }

    /// <summary>A try that failed: pending for the next, or given up (and the secretariat told).</summary>
    private async Task<(State? State, bool Settled)> NotHandedOver(TableClient table, TableEntity entity, ETag claimed, string messageId, Exception e, DateTimeOffset now, CancellationToken ct)
    {
        // The app's credentials refused: no message is at fault, so none is given up; each waits longer between tries
        // (1, 2, 4 … 60 minutes) and the refusal is told another way than by email (MailProviderAlert).
        var credentials = IsCredentialsRefusal(e);
        var attempts = entity.GetInt32("Attempts") ?? 1;
        var giveUp = !credentials && (IsPermanent(e) || attempts >= MaxAttempts);
        entity["State"] = (giveUp ? State.Failed : State.Pending).ToString();
        entity["LastError"] = e.Message.Length > 2000 ? e.Message[..2000] : e.Message;
        entity[RetryAfter] = credentials ? now + TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(attempts - 1, 6)))) : null;
        // Only a refusal with a status code is known not to have reached the provider.
        entity[MaybeDelivered] = e is not HttpRequestException { StatusCode: not null };
        if (!giveUp)
        {
            await table.UpdateEntityAsync(entity, claimed, TableUpdateMode.Replace, ct);
            if (credentials)
            {
                log.LogError(e, "The mail provider refuses the app's credentials; email {MessageId} waits in the outbox until the setting is fixed", messageId);
                await providerAlert.Raise(e.Message, ct);
            }
            else
            {
                log.LogWarning(e, "Sending email {MessageId} failed; it stays in the outbox for the next try", messageId);
            }

            return (State.Pending, false);
        }

        await Settle(table, entity, claimed, messageId, ct);
        log.LogError(e, "Email {MessageId} could not be delivered and is given up", messageId);
        await TellSecretariat(messageId, entity, ct);
        return (State.Failed, true);
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

    /// <summary>Not tried again before this time (set while the provider refuses the app's credentials).</summary>
    private const string RetryAfter = "RetryAfter";

    /// <summary>What the provider answered when it was found to have the message already.</summary>
    public const string FoundAtProvider = "(funnet hos leverandøren)";

    /// <param name="message">The message when the caller has it (recorded just now), else read from its row.</param>
    private async Task<string> HandOver(string messageId, TableEntity entity, bool uncertain, EmailMessage? message, CancellationToken ct)
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

        return await sender.Send(message ?? await MessageOf(entity, ct), ct);
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

    /// <summary>
    /// A refusal of this message that trying again cannot change: the provider's 4xx (a bad address, a rejected message),
    /// except 408 and 429 (try later) and 401 and 403 (the app's credentials, not the message: <see cref="IsCredentialsRefusal"/>).
    /// </summary>
    public static bool IsPermanent(Exception e) =>
        e is HttpRequestException { StatusCode: { } status } && (int)status is >= 400 and < 500 and not 408 and not 429 and not 401 and not 403;

    /// <summary>401 or 403: the provider refuses the app's API key or sender, whatever the message.</summary>
    public static bool IsCredentialsRefusal(Exception e) =>
        e is HttpRequestException { StatusCode: System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden };

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
}
