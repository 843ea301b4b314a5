using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// The JSON body of SendGrid's v3 mail/send for one message, written straight to the request stream: each
/// attachment's bytes (shared by every message that attaches them, <see cref="AttachmentContents"/>) are
/// base64-encoded piece by piece as they are sent, so a summons to 40 people with an 8 MB packet does not
/// build 40 JSON strings of 11 MB. The body is what SendGrid's own client serializes for the same message
/// (from, personalizations with to and custom_args, subject, content, attachments), with its exact length.
/// </summary>
public sealed class SendGridContent : HttpContent
{
    /// <summary>Bytes of an attachment encoded per piece (a multiple of 3, so the pieces join into one base64 text).</summary>
    private const int Piece = 48 * 1024 * 3;

    /// <summary>The JSON with each attachment's content left empty ("").</summary>
    private readonly byte[] skeleton;

    /// <summary>Where in <see cref="skeleton"/> each attachment's base64 goes (between the quotes of its empty content).</summary>
    private readonly List<int> insertAt = [];
    private readonly IReadOnlyList<byte[]> contents;

    public SendGridContent(EmailMessage message, EmailAddress from, IReadOnlyList<(EmailAttachment Attachment, byte[] Bytes)> attachments)
    {
        // An empty file is left out, as SendGrid's client leaves it out (SendGrid refuses an empty content).
        attachments = [.. attachments.Where(a => a.Bytes.Length > 0)];
        contents = [.. attachments.Select(a => a.Bytes)];
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WritePropertyName("from");
            Address(json, from);
            json.WriteStartArray("personalizations");
            json.WriteStartObject();
            json.WriteStartArray("to");
            foreach (var to in message.To)
            {
                Address(json, to);
            }

            json.WriteEndArray();
            json.WriteStartObject("custom_args");
            json.WriteString("outboxId", message.Id);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("subject", message.Subject);
            json.WriteStartArray("content");
            foreach (var (type, value) in new[] { ("text/plain", message.TextBody), ("text/html", message.HtmlBody) })
            {
                if (!string.IsNullOrEmpty(value))
                {
                    json.WriteStartObject();
                    json.WriteString("type", type);
                    json.WriteString("value", value);
                    json.WriteEndObject();
                }
            }

            json.WriteEndArray();
            if (attachments.Count > 0)
            {
                json.WriteStartArray("attachments");
                foreach (var (attachment, _) in attachments)
                {
                    json.WriteStartObject();
                    json.WriteString("content", "");
                    json.Flush();
                    insertAt.Add(buffer.WrittenCount - 1); // before the closing quote of the empty content just written
                    json.WriteString("type", attachment.ContentType);
                    json.WriteString("filename", attachment.FileName);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        skeleton = buffer.WrittenSpan.ToArray();
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var encoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(Piece));
        try
        {
            var from = 0;
            for (var i = 0; i < contents.Count; i++)
            {
                await stream.WriteAsync(skeleton.AsMemory(from, insertAt[i] - from), cancellationToken);
                from = insertAt[i];
                var bytes = contents[i];
                for (var at = 0; at < bytes.Length; at += Piece)
                {
                    var piece = bytes.AsSpan(at, Math.Min(Piece, bytes.Length - at));
                    Base64.EncodeToUtf8(piece, encoded, out _, out var written);
                    await stream.WriteAsync(encoded.AsMemory(0, written), cancellationToken);
                }
            }

            await stream.WriteAsync(skeleton.AsMemory(from), cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(encoded);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = skeleton.Length + contents.Sum(c => Base64.GetMaxEncodedToUtf8Length(c.Length));
        return true;
    }

    private static void Address(Utf8JsonWriter json, EmailAddress address)
    {
        json.WriteStartObject();
        if (!string.IsNullOrWhiteSpace(address.Name))
        {
            json.WriteString("name", address.Name);
        }

        json.WriteString("email", address.Email);
        json.WriteEndObject();
    }
}
