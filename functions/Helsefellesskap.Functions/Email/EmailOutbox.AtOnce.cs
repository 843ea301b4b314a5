using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// A few new messages sent at once (a new case's receipt and the secretariat's notice): recorded already claimed by this
/// sender, all in one transaction with their rows in the index of pending mail, handed over from memory, and settled in
/// one transaction: two table requests for any number of messages (up to 50), where recording and sending one at a time
/// costs four each (record, read, claim, settle). The guarantees are the outbox's: a message already recorded (a retry) goes the usual way, once; a
/// sender that dies after recording leaves claims that lapse, and the next dispatcher asks the provider first.
/// </summary>
public sealed partial class EmailOutbox
{
    /// <summary>A transaction holds at most 100 actions: two per message when recorded, two when settled.</summary>
    private const int AtOnceLimit = 50;

    /// <summary>Records the messages and sends them now; each is sent once whatever else sends it.</summary>
    public async Task SendAtOnce(IReadOnlyList<EmailMessage> messages, CancellationToken ct = default)
    {
        if (messages.Count is 0 or > AtOnceLimit)
        {
            foreach (var message in messages)
            {
                await Enqueue(message, ct);
            }

            return;
        }

        var table = await storage.Table(StorageNames.Outbox);
        var now = clock.GetUtcNow();
        var entities = new List<TableEntity>();
        foreach (var message in messages)
        {
            var entity = await Entity(message, ct);
            entity["State"] = State.Sending.ToString();
            entity["ClaimedUntil"] = now + ClaimLease;
            entity["Attempts"] = 1;
            entities.Add(entity);
        }

        Response<IReadOnlyList<Response>> recorded;
        try
        {
            recorded = await table.SubmitTransactionAsync(entities.SelectMany(e => new[] { new TableTransactionAction(TableTransactionActionType.Add, e), PendingMail.Add(Partition, e.RowKey) }), ct);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            // One of them is recorded already (this is a retry): each goes the usual way, which sends it once.
            foreach (var message in messages)
            {
                await Enqueue(message, ct);
            }

            return;
        }

        var claims = entities.Select((e, i) => recorded.Value[2 * i].Headers.ETag!.Value).ToList();
        var handed = await Task.WhenAll(messages.Select(async (message, i) =>
        {
            try
            {
                MarkSent(entities[i], await HandOver(message.Id, entities[i], uncertain: false, message, ct));
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await NotHandedOver(table, entities[i], claims[i], message.Id, e, now, ct);
                return false;
            }
        }));

        var sent = Enumerable.Range(0, messages.Count).Where(i => handed[i]).ToList();
        if (sent.Count == 0)
        {
            return;
        }

        // If this write fails the claims stand; after their lease the next dispatcher asks the provider.
        await table.SubmitTransactionAsync(sent.SelectMany(i => new[] { new TableTransactionAction(TableTransactionActionType.UpdateReplace, entities[i], claims[i]), PendingMail.Remove(Partition, entities[i].RowKey) }), ct);
        await providerAlert.Clear(ct);
    }
}
