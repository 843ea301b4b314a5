using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>
/// The numbers given in each body's yearly series (<see cref="CaseNumbering"/>): one row per body and
/// year in the agendas table (partition "numbers", row "{body}.{year}"), changed under its ETag so two
/// freezes at once never get the same numbers. A year numbered before the row existed is read from the
/// frozen agendas of that body and year the first time.
/// </summary>
public sealed class CaseNumberStore(StorageClients storage)
{
    private const string Partition = "numbers";

    public async Task<(IReadOnlyList<NumberAllocation> Given, ETag? ETag)> Read(string body, int year, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Agendas);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row(body, year), cancellationToken: ct);
        var row = found.HasValue ? found.Value : null;
        return (await GivenIn(row, table, body, year, ct), row?.ETag);
    }

    /// <summary>Gives a meeting's agenda its numbers (the same again if it has them) and returns the first.</summary>
    public async Task<int> Allocate(string body, int year, MeetingId meetingId, int count, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Agendas);
        return await OptimisticUpdate.Run(table, Partition, Row(body, year), async current =>
        {
            var given = await GivenIn(current, table, body, year, ct);
            var (first, changed) = CaseNumbering.Allocate(given, meetingId, count);
            // The series is written the first time even when unchanged: it is then kept, no longer read from the agendas.
            return ReferenceEquals(changed, given) && current is not null
                ? new OptimisticUpdate.Change<int>(null, first)
                : new OptimisticUpdate.Change<int>(new TableEntity(Partition, Row(body, year)) { ["Given"] = Json.Write(changed) }, first);
        }, retries: 20, ct);
    }

    /// <summary>The series as kept in its row, or, before there was one, as the frozen agendas took it.</summary>
    private static async Task<List<NumberAllocation>> GivenIn(TableEntity? row, TableClient table, string body, int year, CancellationToken ct) =>
        row is null ? await FromFrozenAgendas(table, body, year, ct) : Json.Read<List<NumberAllocation>>(row.GetString("Given") ?? "[]");

    /// <summary>The numbers frozen agendas took before the series was kept: each its first number and its items.</summary>
    private static async Task<List<NumberAllocation>> FromFrozenAgendas(TableClient table, string body, int year, CancellationToken ct)
    {
        var given = new List<NumberAllocation>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq 'agenda' and RowKey gt {body + "-"} and RowKey lt {body + "."}");
        await foreach (var e in table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            if (e.GetBoolean("Frozen") == true && e.GetInt32("FirstNumber") is { } first && MeetingId.TryParse(e.RowKey, out _)
                && (e.GetInt32("NumberYear") ?? int.Parse(e.RowKey.AsSpan(body.Length + 1, 4), CultureInfo.InvariantCulture)) == year)
            {
                given.Add(new NumberAllocation(e.RowKey, first, AgendaRules.Size(Json.Read<List<string>>(e.GetString("Order") ?? "[]").Count)));
            }
        }

        return given.OrderBy(a => a.First).ToList();
    }

    private static string Row(string body, int year) => string.Create(CultureInfo.InvariantCulture, $"{body}.{year}");
}
