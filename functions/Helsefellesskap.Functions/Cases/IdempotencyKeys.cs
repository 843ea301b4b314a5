using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// Remembers which case an Idempotency-Key produced. A key is reserved before the case is stored and
/// completed after, so two requests with the same key at once cannot both create a case.
/// </summary>
public sealed class IdempotencyKeys(StorageClients storage, TimeProvider clock)
{
    public const int MaxKeyLength = 200;

    public abstract record Reservation
    {
        public sealed record Reserved : Reservation;

        public sealed record Completed(string CaseId) : Reservation;

        public sealed record InProgress : Reservation;

        public sealed record UsedForOtherRequest : Reservation;
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

            return existing.GetString("CaseId") is { } caseId ? new Reservation.Completed(caseId) : new Reservation.InProgress();
        }
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
