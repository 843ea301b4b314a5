using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// A few new messages sent at once (a new case's receipt and the secretariat's notice): recorded already claimed by this
/// sender in one transaction, handed over from memory, and settled in one transaction: two table requests of one action
/// per message, where recording and sending one at a time costs four requests each (record, read, claim, settle). The
/// caller keeps its own record of what is not yet settled (the index of pending receipts, cleared only after this
/// returns; its sweep calls this again), so the messages need no rows in the index of pending mail while all goes well:
/// a message that could not be handed over, or a call that finds them recorded already (the sweep after a stop), puts
/// its rows there, and the outbox's next round sends them, once (a claim that lapsed asks the provider first).
/// </summary>
public sealed partial class EmailOutbox
{
    /// <summary>A transaction holds at most 100 actions: one per message when recorded, one when settled (two if indexed).</summary>
    private const int AtOnceLimit = 50;

    /// <summary>Records the messages and sends them now; each is sent once whatever else sends it. For a caller that keeps its own index until this returns.</summary>
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
            recorded = await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), ct);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            // One of them is recorded already (this is a retry, perhaps after a stop before its settling): indexed now, so
            // that one still claimed by the sender that stopped goes with the outbox once its claim lapses; and each goes the
            // usual way, which sends it once.
            await table.SubmitTransactionAsync(messages.Select(m => PendingMail.Add(Partition, RowKey(m.Id))), ct);
            foreach (var message in messages)
            {
                await Enqueue(message, ct);
            }

            return;
        }

        var claims = recorded.Value.Select(r => r.Headers.ETag!.Value).ToList();
        var handed = await Task.WhenAll(messages.Select(async (message, i) =>
        {
            try
            {
                MarkSent(entities[i], await HandOver(message.Id, entities[i], uncertain: false, message, ct));
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not sent now: in the index of pending mail, for the outbox's next round (a message given up leaves it
                // there for that round to remove).
                await table.UpsertEntityAsync((TableEntity)PendingMail.Add(Partition, entities[i].RowKey).Entity, TableUpdateMode.Replace, ct);
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
        await table.SubmitTransactionAsync(sent.Select(i => new TableTransactionAction(TableTransactionActionType.UpdateReplace, entities[i], claims[i])), ct);
        await providerAlert.Clear(ct);
    }
}
