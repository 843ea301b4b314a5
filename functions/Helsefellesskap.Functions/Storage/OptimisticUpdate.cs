using Azure;
using Azure.Data.Tables;

namespace Helsefellesskap.Functions.Storage;

/// <summary>
/// The one way a table row that several may change at once is changed: read it, compute the change, write it under
/// the ETag it was read with (or add it when there was none); when someone else wrote it meanwhile (412, or 409
/// for two adds), read it again and compute again. The change runs once per try, so it must only compute.
/// </summary>
public static class OptimisticUpdate
{
    /// <summary>What a change comes to: the row to write (null: nothing to write), and the answer the caller gets.</summary>
    public readonly record struct Change<T>(TableEntity? Write, T Result);

    /// <param name="retries">How many times to read and change again after losing a race before the last 412/409 is thrown.</param>
    /// <param name="backoff">How long to wait after the n-th lost race (1, 2, …); none when null.</param>
    public static async Task<T> Run<T>(TableClient table, string partition, string row, Func<TableEntity?, Task<Change<T>>> change, int retries, CancellationToken ct, Func<int, TimeSpan>? backoff = null)
    {
        for (var lost = 0; ; lost++)
        {
            var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: ct);
            var current = found.HasValue ? found.Value : null;
            var (write, result) = await change(current);
            if (write is null)
            {
                return result;
            }

            try
            {
                if (current is not null)
                {
                    await table.UpdateEntityAsync(write, current.ETag, TableUpdateMode.Replace, ct);
                }
                else
                {
                    await table.AddEntityAsync(write, ct);
                }

                return result;
            }
            catch (RequestFailedException e) when ((e.IsPreconditionFailed() || e.IsConflict()) && lost < retries)
            {
                if (backoff is not null)
                {
                    await Task.Delay(backoff(lost + 1), ct);
                }
            }
        }
    }

    /// <summary>A change that computes without reading anything else.</summary>
    public static Task<T> Run<T>(TableClient table, string partition, string row, Func<TableEntity?, Change<T>> change, int retries, CancellationToken ct, Func<int, TimeSpan>? backoff = null) =>
        Run(table, partition, row, current => Task.FromResult(change(current)), retries, ct, backoff);
}
