using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Publication;

/// <summary>A case on the public page: its paper's address, or why there is none.</summary>
public sealed record PublishedPaper(string Title, string? Url, string? Exempt);

/// <summary>One meeting's published documents: the agenda and public papers from the summons, the minutes (null until approved) after it.</summary>
public sealed record Published(string MeetingId, DateOnly Date, string? MinutesUrl, string AgendaUrl, DateTimeOffset PublishedAt, IReadOnlyList<PublishedPaper> CasePapers);

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
        }, TableUpdateMode.Replace, ct);
    }

    /// <summary>A body's publications, newest meeting first.</summary>
    public async Task<IReadOnlyList<Published>> List(string bodyCode, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Publications);
        var list = new List<Published>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == bodyCode, cancellationToken: ct))
        {
            list.Add(new Published(e.RowKey, DateOnly.ParseExact(e.GetString("Date"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.GetString("MinutesUrl"), e.GetString("AgendaUrl"), e.GetDateTimeOffset("PublishedAt")!.Value,
                Json.Read<List<PublishedPaper>>(e.GetString("CasePapers") ?? "[]")));
        }

        return list.OrderByDescending(p => p.Date).ToList();
    }
}
