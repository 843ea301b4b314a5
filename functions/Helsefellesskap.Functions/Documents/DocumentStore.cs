using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Documents;

public sealed record StoredDocument(string BlobName, int Version, string Sha256, byte[] Content);

/// <summary>
/// PDFs in the blob container "documents", under community/body/year/meeting/name-vN.pdf, versioned by
/// <see cref="VersionedBlobs"/>'s rule.
/// </summary>
public sealed class DocumentStore(StorageClients storage)
{
    public const string Container = "documents";

    /// <summary>The latest version of a document, or null if none is stored.</summary>
    public async Task<(string BlobName, int Version, string? SourceSha256)?> Latest(string path, CancellationToken ct = default) =>
        await VersionedBlobs.Latest(await storage.Container(Container), path, stableFirst: false, ct) is { } v ? (v.BlobName, v.Number, v.SourceSha256) : null;

    public async Task<byte[]> Read(string blobName, CancellationToken ct = default)
    {
        var container = await storage.Container(Container);
        return (await container.GetBlobClient(blobName).DownloadContentAsync(ct)).Value.Content.ToArray();
    }

    /// <summary>The latest version, if it was made from this source: no need to render again.</summary>
    public async Task<StoredDocument?> Current(string path, string sourceSha256, CancellationToken ct = default)
    {
        if (await Latest(path, ct) is not { } latest || latest.SourceSha256 != sourceSha256)
        {
            return null;
        }

        var content = await Read(latest.BlobName, ct);
        return new StoredDocument(latest.BlobName, latest.Version, DocumentRenderer.Sha256(content), content);
    }

    /// <summary>Stores a new version unless the latest one was made from the same source.</summary>
    public async Task<StoredDocument> Save(string path, byte[] pdf, string sourceSha256, CancellationToken ct = default)
    {
        var sha = DocumentRenderer.Sha256(pdf);
        var (stored, created) = await VersionedBlobs.Save(await storage.Container(Container), path, pdf, sha, sourceSha256, stableFirst: false, ct);
        var content = created ? pdf : await Read(stored.BlobName, ct);
        return new StoredDocument(stored.BlobName, stored.Number, created ? sha : DocumentRenderer.Sha256(content), content);
    }

    /// <summary>Where a meeting's documents are kept, here and in the public container: community/body/year/meeting.</summary>
    public static string MeetingFolder(string community, Meetings.Body body, Meetings.Meeting meeting) => $"{Common.Slug.Of(community)}/{body.Code}/{meeting.Date.Year}/{meeting.Id}";

    /// <summary>A path segment: lower case letters, digits and hyphens ("Helsefellesskap Helgeland" → "helsefellesskap-helgeland").</summary>
}
