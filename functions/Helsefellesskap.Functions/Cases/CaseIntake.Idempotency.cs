using System.Text;
using Azure;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>The Idempotency-Key: the same key and body give the same case, once; a request that died leaves the key to be settled by the next.</summary>
public sealed partial class CaseIntake
{
    /// <summary>What the idempotency key says: an answer already (the case it made, in progress, used for another request), or go on, with the reference a request that died had taken.</summary>
    private async Task<(Outcome? Answer, string? ReservedId)> Claim(string idempotencyKey, CaseSubmission submission, Body body, IReadOnlyList<CheckedFile> files, CancellationToken ct)
    {
        switch (await idempotency.Reserve(idempotencyKey, RequestHash(submission, files), ct))
        {
            case IdempotencyKeys.Reservation.Completed done:
                return (await Replay(done.CaseId, body, ct) ?? throw new InvalidOperationException($"Idempotency key points at missing case {done.CaseId}."), null);
            case IdempotencyKeys.Reservation.InProgress progress:
                // The request in progress may have stored its case already (it does not complete the key): that is the answer.
                if (progress.AssignedCaseId is { } assigned && await Replay(assigned, body, ct) is { } answered)
                {
                    await idempotency.Complete(idempotencyKey, assigned, ct);
                    return (answered, null);
                }

                return (new Outcome.KeyInProgress(), null);
            case IdempotencyKeys.Reservation.UsedForOtherRequest:
                return (new Outcome.KeyReused(), null);
            case IdempotencyKeys.Reservation.Reserved { CaseId: { } taken }:
                // A request with this key died after taking a reference: if it stored the case, that is the answer.
                if (await Replay(taken, body, ct) is { } stored)
                {
                    await idempotency.Complete(idempotencyKey, taken, ct);
                    return (stored, null);
                }

                return (null, taken);
            default:
                return (null, null);
        }
    }

    /// <summary>Stores the case and hands on its receipt; under a key, the key then points at the case, or is freed when the case was not stored.</summary>
    private async Task<Outcome> StoreUnderKey(string id, string? idempotencyKey, CaseSubmission submission, Body body, IReadOnlyList<CheckedFile> files, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            // Under a key, the reservation names this case already (Assign): stored, it answers a retry.
            var created = await Store(id, submission, body, files, now, ct);
            SendReceiptAfterAnswer(created);
            return created;
        }
        catch when (idempotencyKey is not null)
        {
            // Stored after all: a retry with the key gets this case. Not stored: the key is free again.
            // If even that cannot be told now (storage away), the reservation expires and a retry finds out.
            try
            {
                if (await cases.Find(id, CancellationToken.None) is not null)
                {
                    await idempotency.Complete(idempotencyKey, id, CancellationToken.None);
                }
                else
                {
                    await idempotency.Release(idempotencyKey, CancellationToken.None);
                }
            }
            catch (Exception e) when (StorageErrors.IsOutage(e))
            {
                log.LogWarning(e, "Idempotency key for case {CaseId} left to expire", id);
            }

            throw;
        }
    }
}
