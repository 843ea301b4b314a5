using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Helsefellesskap.Functions.Storage;

public static class BlobWrites
{
    /// <summary>
    /// Writes the blob only if no blob of that name exists: what is stored is never overwritten.
    /// False when the name was taken (by an earlier try, or by someone at the same moment).
    /// </summary>
    public static async Task<bool> CreateIfAbsent(this BlobClient blob, Stream content, string contentType, IDictionary<string, string>? metadata, CancellationToken ct)
    {
        try
        {
            await blob.UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = metadata,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict() || e.IsPreconditionFailed())
        {
            return false;
        }
    }

    public static Task<bool> CreateIfAbsent(this BlobClient blob, byte[] content, string contentType, IDictionary<string, string>? metadata, CancellationToken ct) =>
        blob.CreateIfAbsent(new MemoryStream(content, writable: false), contentType, metadata, ct);
}
