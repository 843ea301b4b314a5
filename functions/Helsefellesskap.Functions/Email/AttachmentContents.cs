using System.Collections.Concurrent;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// The bytes of email attachments, read from blob storage once and shared by every message that attaches
/// them: a summons to 40 people reads its packet once, not 40 times. Safe because an attachment's blob is
/// never overwritten (documents are versioned, case attachments named by content). Kept up to a total
/// size, the least recently used dropped first.
/// </summary>
public sealed class AttachmentContents(StorageClients storage)
{
    /// <summary>What the cache holds at most; an attachment larger than a quarter of it is read each time.</summary>
    public const long MaxBytes = 96L * 1024 * 1024;

    private readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> entries = new(StringComparer.Ordinal);

    private readonly LinkedList<string> recent = new();
    private readonly Lock gate = new();
    private long held;

    public async Task<byte[]> Read(EmailAttachment attachment, CancellationToken ct)
    {
        if (attachment.Text is not null)
        {
            return System.Text.Encoding.UTF8.GetBytes(attachment.Text);
        }

        var key = $"{attachment.Container}/{attachment.BlobName}";
        var entry = entries.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => Download(attachment)));
        byte[] bytes;
        try
        {
            bytes = await entry.Value.WaitAsync(ct);
        }
        catch
        {
            entries.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }

        Keep(key, entry, bytes.Length);
        return bytes;
    }

    private async Task<byte[]> Download(EmailAttachment attachment)
    {
        var container = await storage.Container(attachment.Container);
        return (await container.GetBlobClient(attachment.BlobName).DownloadContentAsync()).Value.Content.ToArray();
    }

    private void Keep(string key, Lazy<Task<byte[]>> entry, long size)
    {
        lock (gate)
        {
            if (size > MaxBytes / 4)
            {
                entries.TryRemove(KeyValuePair.Create(key, entry));
                return;
            }

            if (recent.Remove(key))
            {
                recent.AddFirst(key);
                return;
            }

            recent.AddFirst(key);
            held += size;
            while (held > MaxBytes && recent.Last is { } oldest)
            {
                recent.RemoveLast();
                if (entries.TryRemove(oldest.Value, out var dropped) && dropped.IsValueCreated && dropped.Value.IsCompletedSuccessfully)
                {
                    held -= dropped.Value.Result.Length;
                }
            }
        }
    }
}
