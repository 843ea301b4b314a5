using System.Text;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using MimeKit;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>Emails as the local outbox handed them over (its .eml files), read the way a recipient would.</summary>
public static class SentEmails
{
    /// <summary>The message sent under an outbox id; fails the test if none was sent.</summary>
    public static async Task<MimeMessage> Read(AppFixture app, string messageId)
    {
        await app.WorkAfterAnswers(); // what the app sends just after an answer
        var blob = (await app.Storage.Container(StorageNames.OutboxContainer)).GetBlobClient(LocalOutboxSender.BlobName(messageId));
        Assert.True((await blob.ExistsAsync()).Value, $"{messageId} was not sent");
        return await MimeMessage.LoadAsync((await blob.DownloadContentAsync()).Value.Content.ToStream());
    }

    /// <summary>Everything a person reads in it: subject, text, HTML and each attachment (PDFs as text).</summary>
    public static async Task<string> Readable(AppFixture app, string messageId)
    {
        var mime = await Read(app, messageId);
        var text = new StringBuilder().AppendLine(mime.Subject).AppendLine(mime.TextBody).AppendLine(mime.HtmlBody);
        foreach (var part in mime.Attachments.OfType<MimePart>())
        {
            using var content = new MemoryStream();
            await part.Content!.DecodeToAsync(content);
            text.AppendLine(part.ContentType.MimeType == "application/pdf" ? await Poppler.Text(content.ToArray()) : Encoding.UTF8.GetString(content.ToArray()));
        }

        return text.ToString();
    }
}
