using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs.Models;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Documents;

public sealed record StoredDocument(string BlobName, int Version, string Sha256, byte[] Content);

/// <summary>
/// PDFs in the blob container "documents", under community/body/year/meeting/name-vN.pdf. A version is
/// never overwritten: a changed document gets the next version and the old one stays. A document whose
/// source has not changed since the latest version is not stored again.
/// </summary>
public sealed partial class DocumentStore(StorageClients storage)
{
    public const string Container = "documents";

    /// <summary>The latest version of a document, or null if none is stored.</summary>
    public async Task<(string BlobName, int Version, string? SourceSha256)?> Latest(string path, CancellationToken ct = default)
    {
        var container = await storage.Container(Container);
        (string, int, string?)? latest = null;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, path + "-v", ct))
        {
            var match = VersionPattern().Match(blob.Name[path.Length..]);
            if (match.Success)
            {
                var version = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                if (latest is null || version > latest.Value.Item2)
                {
                    latest = (blob.Name, version, blob.Metadata.TryGetValue("sourcesha256", out var s) ? s : null);
                }
            }
        }

        return latest;
    }

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
        var container = await storage.Container(Container);
        for (var attempt = 0; ; attempt++)
        {
            if (await Current(path, sourceSha256, ct) is { } current)
            {
                return current;
            }

            var version = ((await Latest(path, ct))?.Version ?? 0) + 1;
            var name = $"{path}-v{version}.pdf";
            var sha = DocumentRenderer.Sha256(pdf);
            var metadata = new Dictionary<string, string> { ["sha256"] = sha, ["sourcesha256"] = sourceSha256, ["version"] = version.ToString(CultureInfo.InvariantCulture) };
            if (await container.GetBlobClient(name).CreateIfAbsent(pdf, "application/pdf", metadata, ct))
            {
                return new StoredDocument(name, version, sha, pdf);
            }

            if (attempt >= 5)
            {
                throw new InvalidOperationException($"Could not store a new version of {path}: the names kept being taken.");
            }
        }
    }

    /// <summary>A path segment: lower case letters, digits and hyphens ("Helsefellesskap Helgeland" → "helsefellesskap-helgeland").</summary>
    public static string Slug(string text)
    {
        var lower = text.ToLowerInvariant().Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "o", StringComparison.Ordinal).Replace("å", "a", StringComparison.Ordinal);
        return NonSlug().Replace(lower, "-").Trim('-');
    }

    [GeneratedRegex(@"^-v(\d+)\.pdf$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
