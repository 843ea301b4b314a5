using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Publication;

/// <summary>A case on the public page: its paper's address, or why there is none.</summary>
public sealed record PublishedPaper(string Title, string? Url, string? Exempt);

/// <summary>A correction of published minutes: the version it made, when, why, and where the version it replaced is kept.</summary>
public sealed record PublishedCorrection(int Version, DateTimeOffset At, string Reason, string EarlierUrl);

/// <summary>One meeting's published documents: the agenda and public papers from the summons, the minutes (null until approved) after it, and the corrections of the minutes.</summary>
public sealed record Published(string MeetingId, DateOnly Date, string? MinutesUrl, string AgendaUrl, DateTimeOffset PublishedAt, IReadOnlyList<PublishedPaper> CasePapers,
    IReadOnlyList<PublishedCorrection>? Corrections = null)
{
    /// <summary>When the minutes last changed: the last correction, else the publication.</summary>
    public DateTimeOffset UpdatedAt => Corrections is [.., var last] ? last.At : PublishedAt;
}

/// <summary>
/// What the public sees: PDFs in the public container (anonymous read) at stable addresses, and the
/// table of publications per body that the page and the feeds list.
/// </summary>
public sealed class PublicationStore(StorageClients storage)
{
    /// <summary>Stores a public PDF (first version at path.pdf; never overwritten) and returns its address.</summary>
    public async Task<string> Put(string path, byte[] pdf, string sourceSha256, CancellationToken ct)
    {
        var container = await storage.Container(StorageNames.PublicContainer, PublicAccessType.Blob);
        var (stored, _) = await VersionedBlobs.Save(container, path, pdf, Documents.DocumentRenderer.Sha256(pdf), sourceSha256, stableFirst: true, ct);
        return container.GetBlobClient(stored.BlobName).Uri.ToString();
    }

    /// <summary>
    /// Puts a corrected version at the document's stable address (path.pdf), after keeping the version it replaces at
    /// path-versjon-{replaced}.pdf (written once, never overwritten), and returns both addresses. Run again after a crash,
    /// it finds the earlier version kept and the corrected one in place (by its source).
    /// </summary>
    public async Task<(string Url, string EarlierUrl)> Replace(string path, byte[] pdf, string sourceSha256, int replaced, CancellationToken ct)
    {
        var container = await storage.Container(StorageNames.PublicContainer, PublicAccessType.Blob);
        var stable = container.GetBlobClient($"{path}.pdf");
        var earlier = container.GetBlobClient($"{path}-versjon-{replaced}.pdf");
        var current = (await stable.GetPropertiesAsync(cancellationToken: ct)).Value;
        if (current.Metadata.TryGetValue("sourcesha256", out var source) && source == sourceSha256)
        {
            return (stable.Uri.ToString(), earlier.Uri.ToString());
        }

        if (!(await earlier.ExistsAsync(ct)).Value)
        {
            var content = (await stable.DownloadContentAsync(ct)).Value.Content;
            await earlier.CreateIfAbsent(content.ToStream(), "application/pdf", new Dictionary<string, string>(current.Metadata) { ["version"] = replaced.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct);
        }

        await stable.UploadAsync(new BinaryData(pdf), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/pdf" },
            Metadata = new Dictionary<string, string> { ["sha256"] = Documents.DocumentRenderer.Sha256(pdf), ["sourcesha256"] = sourceSha256, ["version"] = (replaced + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, ct);
        return (stable.Uri.ToString(), earlier.Uri.ToString());
    }

    /// <summary>Publishes a stored attachment as it is, at <paramref name="path"/> (written once, never overwritten), and returns its address.</summary>
    public async Task<string> PutFile(string path, string attachmentBlob, string contentType, CancellationToken ct)
    {
        var container = await storage.Container(StorageNames.PublicContainer, PublicAccessType.Blob);
        var target = container.GetBlobClient(path);
        if (!(await target.ExistsAsync(ct)).Value)
        {
            var source = (await storage.Container(StorageNames.AttachmentsContainer)).GetBlobClient(attachmentBlob);
            var content = (await source.DownloadContentAsync(ct)).Value.Content;
            try
            {
                await target.UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType }, Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = Azure.ETag.All } }, ct);
            }
            catch (Azure.RequestFailedException e) when (e.IsConflict() || e.IsPreconditionFailed())
            {
                // Published already by a run that died after writing it: the same file.
            }
        }

        return target.Uri.ToString();
    }

    public async Task Save(string bodyCode, Published published, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Publications);
        await table.UpsertEntityAsync(new TableEntity(bodyCode, published.MeetingId)
        {
            ["Date"] = published.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["MinutesUrl"] = published.MinutesUrl,
            ["AgendaUrl"] = published.AgendaUrl,
            ["CasePapers"] = Json.Write(published.CasePapers),
            ["PublishedAt"] = published.PublishedAt,
            ["Corrections"] = published.Corrections is { Count: > 0 } corrections ? Json.Write(corrections) : null,
        }, TableUpdateMode.Replace, ct);
    }

    /// <summary>A body's publications, newest meeting first.</summary>
    public async Task<IReadOnlyList<Published>> List(string bodyCode, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Publications);
        var list = new List<Published>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bodyCode}"), cancellationToken: ct))
        {
            list.Add(new Published(e.RowKey, DateOnly.ParseExact(e.GetString("Date"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.GetString("MinutesUrl"), e.GetString("AgendaUrl"), e.GetDateTimeOffset("PublishedAt")!.Value,
                Json.Read<List<PublishedPaper>>(e.GetString("CasePapers") ?? "[]"),
                e.GetString("Corrections") is { } corrections ? Json.Read<List<PublishedCorrection>>(corrections) : null));
        }

        return list.OrderByDescending(p => p.Date).ToList();
    }
}
