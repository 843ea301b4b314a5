using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using MimeKit;

namespace Helsefellesskap.Functions.Email;

/// <summary>In Development, the local outbox can be read over HTTP: every .eml written instead of sending.</summary>
public static class DevOutboxEndpoints
{
    public sealed record OutboxEntry(string Name, IReadOnlyList<string> To, string Subject, IReadOnlyList<string> Attachments, DateTimeOffset CreatedAt, string Url);

    /// <summary>How long a look at the outbox waits for what the app is still sending after an answer (a receipt, an absence's emails).</summary>
    private static readonly TimeSpan SendingAfterAnswer = TimeSpan.FromSeconds(15);

    public static void MapDevOutbox(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dev/outbox", List).DevelopmentOnly();
        app.MapGet("/api/dev/outbox/{name}", Download).DevelopmentOnly();
    }

    /// <param name="prefix">Only the messages whose outbox id starts so ("summons.ssu-2027-02-11.").</param>
    /// <remarks>
    /// Listed from each file's metadata (a file written before the metadata was kept is read in full), a page
    /// at a time in name order (see <see cref="Paging"/>), each page by time.
    /// </remarks>
    private static async Task<Results<Ok<List<OutboxEntry>>, ProblemHttpResult>> List(StorageClients storage, AfterAnswer afterAnswer, string? prefix, int? limit, string? continuation, HttpContext context, CancellationToken ct)
    {
        await afterAnswer.Idle(SendingAfterAnswer);
        var (size, invalidLimit) = Paging.Limit(limit);
        if (invalidLimit is not null)
        {
            return invalidLimit;
        }

        var container = await storage.Container(StorageNames.OutboxContainer);
        Azure.Page<Azure.Storage.Blobs.Models.BlobItem>? page = null;
        try
        {
            await foreach (var first in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, string.IsNullOrEmpty(prefix) ? null : prefix, ct)
                               .AsPages(string.IsNullOrEmpty(continuation) ? null : continuation, size))
            {
                page = first;
                break;
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 400 && !string.IsNullOrEmpty(continuation))
        {
            return Paging.InvalidContinuation();
        }

        var entries = new List<OutboxEntry>();
        foreach (var blob in page?.Values ?? [])
        {
            var createdOn = blob.Properties.CreatedOn;
            var url = $"/api/dev/outbox/{Uri.EscapeDataString(blob.Name)}";
            if (LocalOutboxSender.SummaryOf(blob.Metadata) is { } summary)
            {
                entries.Add(new OutboxEntry(blob.Name, summary.To, summary.Subject, summary.Attachments, createdOn ?? default, url));
                continue;
            }

            var content = await container.GetBlobClient(blob.Name).DownloadStreamingAsync(cancellationToken: ct);
            await using var stream = content.Value.Content;
            using var message = await MimeMessage.LoadAsync(stream, ct);
            entries.Add(new OutboxEntry(
                blob.Name,
                message.To.Mailboxes.Select(m => m.Address).ToList(),
                message.Subject ?? "",
                message.Attachments.Select(a => a.ContentDisposition?.FileName ?? a.ContentType.Name ?? "").ToList(),
                createdOn ?? message.Date,
                url));
        }

        Paging.LinkNext(context, string.IsNullOrEmpty(page?.ContinuationToken) ? null : page.ContinuationToken, size);
        return TypedResults.Ok(entries.OrderBy(e => e.CreatedAt).ToList());
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Download(string name, StorageClients storage, AfterAnswer afterAnswer, CancellationToken ct)
    {
        await afterAnswer.Idle(SendingAfterAnswer);
        var container = await storage.Container(StorageNames.OutboxContainer);
        var blob = container.GetBlobClient(name);
        if (!name.EndsWith(".eml", StringComparison.Ordinal) || !await blob.ExistsAsync(ct))
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Fant ikke e-posten", $"Utboksen har ingen melding «{name}».");
        }

        var content = await blob.DownloadStreamingAsync(cancellationToken: ct);
        return TypedResults.Stream(content.Value.Content, "message/rfc822", name);
    }
}
