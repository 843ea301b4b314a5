using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// Without a SendGrid key, a message is written as a .eml file into the blob container "outbox", where
/// a person can open it. The blob name is the message id and is written only if absent, so a retry
/// writes nothing new.
/// </summary>
public sealed class LocalOutboxSender(StorageClients storage, AttachmentContents attachments, IOptions<EmailOptions> options) : IEmailSender
{
    public async Task<string> Send(EmailMessage message, CancellationToken ct)
    {
        var mime = await EmailMime.Build(message, options.Value, attachments, ct);
        var container = await storage.Container(StorageNames.OutboxContainer);
        var blob = container.GetBlobClient(BlobName(message.Id));
        using var buffer = new MemoryStream();
        await mime.WriteToAsync(buffer, ct);
        buffer.Position = 0;

        // If the file exists, an earlier try wrote it and died before it could mark the message sent.
        await blob.CreateIfAbsent(buffer, "message/rfc822", Summary(message), ct);
        return blob.Name;
    }

    /// <summary>
    /// Recipients, subject and attachment names as the blob's metadata (each value escaped, since metadata
    /// is ASCII), so the outbox is listed without reading each message; left off if it would pass 6 KB.
    /// </summary>
    private static Dictionary<string, string>? Summary(EmailMessage message)
    {
        static string Join(IEnumerable<string> values) => string.Join(",", values.Select(Uri.EscapeDataString));
        var summary = new Dictionary<string, string>
        {
            ["to"] = Join(message.To.Select(t => t.Email)),
            ["subject"] = Uri.EscapeDataString(message.Subject),
            ["attachments"] = Join(message.Attachments.Select(a => a.FileName)),
        };
        return summary.Sum(s => s.Key.Length + s.Value.Length) <= 6_000 ? summary : null;
    }

    /// <summary>The recipients, subject and attachment names kept with a message's file (null for files written without them).</summary>
    public static (IReadOnlyList<string> To, string Subject, IReadOnlyList<string> Attachments)? SummaryOf(IDictionary<string, string>? metadata)
    {
        static IReadOnlyList<string> Split(string value) => value.Length == 0 ? [] : value.Split(',').Select(Uri.UnescapeDataString).ToList();
        return metadata is not null && metadata.TryGetValue("subject", out var subject) && metadata.TryGetValue("to", out var to) && metadata.TryGetValue("attachments", out var attachments)
            ? (Split(to), Uri.UnescapeDataString(subject), Split(attachments))
            : null;
    }

    public async Task<bool?> WasDelivered(string messageId, CancellationToken ct)
    {
        var container = await storage.Container(StorageNames.OutboxContainer);
        return (await container.GetBlobClient(BlobName(messageId)).ExistsAsync(ct)).Value;
    }

    public static string BlobName(string messageId) => $"{messageId}.eml";
}

/// <summary>Builds the MIME form of a message (text and HTML alternatives, attachments from blob storage).</summary>
public static class EmailMime
{
    public static async Task<MimeMessage> Build(EmailMessage message, EmailOptions options, AttachmentContents attachments, CancellationToken ct)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            MessageId = $"{message.Id}@helsefellesskap.invalid",
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        foreach (var to in message.To)
        {
            mime.To.Add(new MailboxAddress(to.Name ?? "", to.Email));
        }

        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var attachment in message.Attachments)
        {
            body.Attachments.Add(attachment.FileName, await attachments.Read(attachment, ct), ContentType.Parse(attachment.ContentType));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }
}
