using System.Globalization;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Helsefellesskap.Functions.Storage;

/// <summary>
/// The one rule for every stored document (PDFs in "documents" and in the public container): a version
/// is never overwritten; a changed document gets the next version and the old one stays; a document
/// made from the same source as the latest version is not stored again (so a step repeated after a
/// crash finds what it stored). Names: path-vN.pdf; a public document's first version is path.pdf,
/// the stable address partners link to.
/// </summary>
public static partial class VersionedBlobs
{
    public sealed record Version(string BlobName, int Number, string? SourceSha256);

    public static string NameOf(string path, int version, bool stableFirst) =>
        stableFirst && version == 1 ? $"{path}.pdf" : $"{path}-v{version}.pdf";

    public static async Task<Version?> Latest(BlobContainerClient container, string path, bool stableFirst, CancellationToken ct)
    {
        Version? latest = null;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, stableFirst ? path : path + "-v", ct))
        {
            var match = VersionPattern().Match(blob.Name[path.Length..]);
            if (!match.Success || (!stableFirst && !match.Groups[1].Success))
            {
                continue;
            }

            var number = match.Groups[1].Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
            if (latest is null || number > latest.Number)
            {
                latest = new Version(blob.Name, number, blob.Metadata.TryGetValue("sourcesha256", out var s) ? s : null);
            }
        }

        return latest;
    }

    /// <summary>Stores a new version unless the latest was made from <paramref name="sourceSha256"/>; Created tells which.</summary>
    public static async Task<(Version Stored, bool Created)> Save(BlobContainerClient container, string path, byte[] content, string contentSha256, string sourceSha256, bool stableFirst, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var latest = await Latest(container, path, stableFirst, ct);
            if (latest is not null && latest.SourceSha256 == sourceSha256)
            {
                return (latest, false);
            }

            var number = (latest?.Number ?? 0) + 1;
            var name = NameOf(path, number, stableFirst);
            var metadata = new Dictionary<string, string> { ["sha256"] = contentSha256, ["sourcesha256"] = sourceSha256, ["version"] = number.ToString(CultureInfo.InvariantCulture) };
            if (await container.GetBlobClient(name).CreateIfAbsent(content, "application/pdf", metadata, ct))
            {
                return (new Version(name, number, sourceSha256), true);
            }

            if (attempt >= 5)
            {
                throw new InvalidOperationException($"Could not store a new version of {path}: the names kept being taken.");
            }
        }
    }

    [GeneratedRegex(@"^(?:-v(\d+))?\.pdf$")]
    private static partial Regex VersionPattern();
}
