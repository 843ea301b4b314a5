using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// Remembers which case an Idempotency-Key produced. A key is reserved before the case is stored, the
/// case's reference is written on the reservation before the case; so two requests with the same key at once cannot
/// both create a case, and a reservation left by a request that died expires and is taken over with the same reference
/// (no second case). A reservation whose case is stored is as good as completed: the request that stored it does not
/// spend a write completing it (issue 27: a request per submission); the first retry that finds the case completes it.
/// </summary>
public sealed class IdempotencyKeys(StorageClients storage, CaseStore cases, TimeProvider clock)
{
    public const int MaxKeyLength = 200;

    /// <summary>A reservation not completed within this time belongs to a request that died.</summary>
    public static readonly TimeSpan ReservationLease = TimeSpan.FromMinutes(2);

    public abstract record Reservation
    {
        /// <param name="CaseId">The reference a dead request had taken for this key, to be used again; null for a new key.</param>
        public sealed record Reserved(string? CaseId = null) : Reservation;

        public sealed record Completed(string CaseId) : Reservation;

        /// <param name="AssignedCaseId">The reference the request in progress took, if it got so far: its case may be stored already.</param>
        public sealed record InProgress(string? AssignedCaseId = null) : Reservation;

        public sealed record UsedForOtherRequest : Reservation;
    }

    /// <summary>The case a key has already given, if any (one point read; no reservation).</summary>
    public async Task<string?> CaseOf(string key, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.IdempotencyKeys);
        var found = await table.GetEntityIfExistsAsync<TableEntity>("case", Row(key), select: ["CaseId", "PendingCaseId"], cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        // Completed, or assigned and its case stored (the request that stored it does not complete the key).
        return found.Value!.GetString("CaseId") ?? (found.Value.GetString("PendingCaseId") is { } assigned && await cases.Find(assigned, ct) is not null ? assigned : null);
    }

    public async Task<Reservation> Reserve(string key, string requestHash, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.IdempotencyKeys);
        var row = Row(key);
        try
        {
            await table.AddEntityAsync(new TableEntity("case", row) { ["RequestHash"] = requestHash, ["CreatedAt"] = clock.GetUtcNow() }, ct);
            return new Reservation.Reserved();
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            var existing = (await table.GetEntityAsync<TableEntity>("case", row, cancellationToken: ct)).Value;
            if (existing.GetString("RequestHash") != requestHash)
            {
                return new Reservation.UsedForOtherRequest();
            }

            if (existing.GetString("CaseId") is { } caseId)
            {
                return new Reservation.Completed(caseId);
            }

            if (existing.GetDateTimeOffset("CreatedAt") + ReservationLease > clock.GetUtcNow())
            {
                return new Reservation.InProgress(existing.GetString("PendingCaseId"));
            }

            // The request that reserved the key died: take the reservation over (one taker wins by the ETag).
            existing["CreatedAt"] = clock.GetUtcNow();
            try
            {
                await table.UpdateEntityAsync(existing, existing.ETag, TableUpdateMode.Replace, ct);
                return new Reservation.Reserved(existing.GetString("PendingCaseId"));
            }
            catch (RequestFailedException taken) when (taken.IsPreconditionFailed())
            {
                return new Reservation.InProgress();
            }
        }
    }

    /// <summary>The reference the case will get, written before the case is stored.</summary>
    public async Task Assign(string key, string caseId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.IdempotencyKeys);
        await table.UpdateEntityAsync(new TableEntity("case", Row(key)) { ["PendingCaseId"] = caseId }, ETag.All, TableUpdateMode.Merge, ct);
    }

    public async Task Complete(string key, string caseId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.IdempotencyKeys);
        await table.UpdateEntityAsync(new TableEntity("case", Row(key)) { ["CaseId"] = caseId }, ETag.All, TableUpdateMode.Merge, ct);
    }

    public async Task Release(string key, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.IdempotencyKeys);
        await table.DeleteEntityAsync("case", Row(key), ETag.All, ct);
    }

    /// <summary>Keys are the client's; hashing them makes any string a safe row key.</summary>
    private static string Row(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
