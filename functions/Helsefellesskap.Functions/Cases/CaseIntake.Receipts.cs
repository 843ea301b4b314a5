using System.Threading.Channels;
using Azure;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// The receipts of new cases, sent just after the answers. Receipts queued while others are being sent go together:
/// their messages (each receipt, and one notice to the secretariat naming them all when it asked for each) recorded in one transaction and
/// settled in one, and their cases marked in one; so under load a submission costs little more storage than its own
/// rows. A receipt not sent here (the process stopped, storage blinked) is the ticker's sweep's.
/// </summary>
public sealed partial class CaseIntake
{
    /// <summary>At most this many cases' receipts go together (two messages each; a transaction holds 100 actions).</summary>
    private const int ReceiptsAtOnce = 25;

    private readonly Channel<Outcome.Created> queuedReceipts = Channel.CreateUnbounded<Outcome.Created>();

    private void SendReceiptAfterAnswer(Outcome.Created created)
    {
        queuedReceipts.Writer.TryWrite(created);
        afterAnswer.Run($"The receipt of case {created.Case.Id}", SendQueuedReceipts);
    }

    /// <summary>Sends the receipts queued now (a run finding none was beaten to them by another).</summary>
    private async Task SendQueuedReceipts(CancellationToken ct)
    {
        var batch = new List<Outcome.Created>();
        while (batch.Count < ReceiptsAtOnce && queuedReceipts.Reader.TryRead(out var created))
        {
            batch.Add(created);
        }

        if (batch.Count > 0)
        {
            // A case queued twice (a retry answered while its first request was still working) goes once in a batch.
            await SendReceipts([.. batch.DistinctBy(c => c.Case.Id)], ct);
        }
    }

    private async Task SendReceipts(IReadOnlyList<Outcome.Created> batch, CancellationToken ct)
    {
        try
        {
            var messages = new List<EmailMessage>();
            var unannounced = new List<(CaseRecord, Body, Meeting?)>();
            foreach (var created in batch)
            {
                messages.Add(await receipt.Message(created.Case, created.Body, created.Meeting));
                // A receipt recorded already (a retry, or the sweep after a stop) was recorded in one transaction with
                // the notice that named its case, perhaps under another case's id: that case is not announced again.
                if (!created.Replayed || await outbox.StateOf(MessageIds.CaseReceipt(created.Case.Id), ct) is null)
                {
                    unannounced.Add((created.Case, created.Body, created.Meeting));
                }
            }

            if (await notices.Received(unannounced) is { } notice)
            {
                messages.Add(notice);
            }

            await outbox.SendAtOnce(messages, ct);
            await receipts.MarkRecorded([.. batch.Select(c => c.Case.Id)], ct);
        }
        catch (Exception e) when (StorageErrors.IsOutage(e) || e is RequestFailedException)
        {
            // The cases are stored and marked as waiting for their receipts: the ticker's sweep records them.
            log.LogWarning(e, "Receipts for cases {CaseIds} could not be queued now", string.Join(", ", batch.Select(c => c.Case.Id)));
        }
    }

    /// <summary>
    /// Records the receipt of every case stored without one (the process died, or storage blinked,
    /// between storing the case and recording its receipt). The ticker calls this; the outbox id is the
    /// case's, so a receipt is never recorded twice.
    /// </summary>
    public async Task<int> SweepReceipts(CancellationToken ct = default)
    {
        var swept = 0;
        foreach (var c in await receipts.Before(clock.GetUtcNow() - TimeSpan.FromMinutes(1), ct))
        {
            if (await meetings.FindBody(c.Body, ct) is not { } body)
            {
                continue;
            }

            var meeting = c.MeetingId is null ? null : await meetings.FindMeeting(c.MeetingId, ct);
            await SendReceipts([new Outcome.Created(c, body, meeting, Replayed: true)], ct);
            swept++;
        }

        return swept;
    }
}
