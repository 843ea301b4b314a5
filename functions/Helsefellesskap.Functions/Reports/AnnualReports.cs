using Azure.Data.Tables;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Publication;
using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Reports;

/// <summary>A year's annual report: the secretariat's texts, and once issued, when, by whom and where it is published.</summary>
public sealed record AnnualReportState(int Year, AnnualTexts Texts, DateTimeOffset? IssuedAt, string? IssuedBy, string? PublishedUrl)
{
    public bool Issued => IssuedAt is not null;
}

/// <summary>
/// The annual report from draft to issue: the texts are kept (table Reports, partition "annual", row = year)
/// and can be changed until the report is issued; issuing prints it from the data as it then stands and
/// publishes the PDF at a stable public address, once.
/// </summary>
public sealed class AnnualReports(StorageClients storage, AnnualReportBuilder builder, DocumentRenderer renderer, PublicationStore publications, IOptions<CommunityOptions> community, TimeProvider clock)
{
    private const string Partition = "annual";

    /// <summary>What a change came to, and the report as it then stands.</summary>
    public abstract record Result(AnnualReportState State)
    {
        public sealed record Done(AnnualReportState State) : Result(State);

        /// <summary>The report was issued (by this or an earlier call): its text is closed.</summary>
        public sealed record AlreadyIssued(AnnualReportState State) : Result(State);
    }

    public async Task<AnnualReportState> Get(int year, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Reports);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row(year), cancellationToken: ct);
        return found.HasValue ? Read(year, found.Value!) : new AnnualReportState(year, AnnualTexts.Empty, null, null, null);
    }

    /// <summary>The reports issued, newest first (for the public pages).</summary>
    public async Task<IReadOnlyList<AnnualReportState>> Issued(CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Reports);
        var issued = new List<AnnualReportState>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: ct))
        {
            if (int.TryParse(e.RowKey, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && Read(year, e) is { Issued: true } state)
            {
                issued.Add(state);
            }
        }

        return issued.OrderByDescending(r => r.Year).ToList();
    }

    /// <summary>Keeps the secretariat's texts; refused once the report is issued.</summary>
    public Task<Result> SaveTexts(int year, AnnualTexts texts, CancellationToken ct = default) =>
        Write(year, _ => Task.FromResult(new TableEntity(Partition, Row(year)) { ["Texts"] = Json.Write(texts) }), ct);

    /// <summary>
    /// Writes the year's row as <paramref name="write"/> makes it from the state read, under the ETag it was read with.
    /// An issued report is never written over (the answer says it is issued); when someone saved meanwhile, the state is
    /// read and the row made again.
    /// </summary>
    private async Task<Result> Write(int year, Func<AnnualReportState, Task<TableEntity>> write, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Reports);
        var refused = await OptimisticUpdate.Run(table, Partition, Row(year), async row =>
        {
            var state = row is null ? new AnnualReportState(year, AnnualTexts.Empty, null, null, null) : Read(year, row);
            return state.Issued
                ? new OptimisticUpdate.Change<Result?>(null, new Result.AlreadyIssued(state))
                : new OptimisticUpdate.Change<Result?>(await write(state), null);
        }, retries: 10, ct);
        return refused ?? new Result.Done(await Get(year, ct));
    }

    /// <summary>The report as it would be issued now (a draft, marked so), or as issued.</summary>
    public async Task<RenderedDocument> Document(int year, CancellationToken ct = default)
    {
        var state = await Get(year, ct);
        var model = await builder.Build(year, state.Texts, draft: !state.Issued, ct);
        return await renderer.Render(DocumentTemplates.AnnualReport, model, Info(year, !state.Issued), ct);
    }

    /// <summary>Issues the report: printed from the data as it stands, published at a stable address, and its texts closed. Issuing again changes nothing.</summary>
    public Task<Result> Issue(int year, string by, CancellationToken ct = default) =>
        // Printed from the state read: texts changed meanwhile are issued on the next try; an issue by someone else meanwhile wins.
        Write(year, async state =>
        {
            var model = await builder.Build(year, state.Texts, draft: false, ct);
            var rendered = await renderer.Render(DocumentTemplates.AnnualReport, model, Info(year, draft: false), ct);
            var url = await publications.Put($"{Slug.Of(community.Value.Name)}/arsmelding/{year}/arsmelding", rendered.Pdf, rendered.SourceSha256, ct);
            return new TableEntity(Partition, Row(year))
            {
                ["Texts"] = Json.Write(state.Texts),
                ["IssuedAt"] = clock.GetUtcNow(),
                ["IssuedBy"] = by,
                ["PublishedUrl"] = url,
            };
        }, ct);

    private DocumentInfo Info(int year, bool draft) =>
        new($"Årlig melding {year} – {community.Value.Name}", community.Value.Name, $"Årlig melding for {year} fra samhandlingssekretariatet", $"{community.Value.Name} · Årlig melding {year}", draft);

    private static string Row(int year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static AnnualReportState Read(int year, TableEntity e) =>
        new(year, e.GetString("Texts") is { } texts ? Json.Read<AnnualTexts>(texts) : AnnualTexts.Empty, e.GetDateTimeOffset("IssuedAt"), e.GetString("IssuedBy"), e.GetString("PublishedUrl"));
}
