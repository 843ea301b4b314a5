using System.Globalization;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cases;

/// <summary>Case references run per calendar year: HFH-2026-0001, HFH-2026-0002 … An ETag-checked counter, so two submissions never share one.</summary>
public sealed class CaseReferences(StorageClients storage)
{
    public async Task<string> Next(string prefix, int year, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Counters);
        var row = year.ToString(CultureInfo.InvariantCulture);
        var next = await OptimisticUpdate.Run(table, "case-reference", row, current =>
        {
            var value = (current?.GetInt64("Value") ?? 0) + 1;
            return new OptimisticUpdate.Change<long>(new TableEntity("case-reference", row) { ["Value"] = value }, value);
        },
        retries: 200,
        ct,
        // Many submissions at once all want the next number: back off with jitter, capped, and try again.
        backoff: lost => TimeSpan.FromMilliseconds(Random.Shared.Next(5, Math.Min(250, 20 * lost))));
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{next:0000}");
    }
}
