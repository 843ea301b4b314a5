using System.Net.Http.Json;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using MimeKit;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>The local outbox is listed from each file's metadata; files written before it was kept are read in full.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class DevOutboxTests(AppFixture app)
{
    private async Task<List<DevOutboxEndpoints.OutboxEntry>> Listed(string prefix) =>
        (await app.Http.GetFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix={Uri.EscapeDataString(prefix)}", Json.Options))!;

    [Fact]
    public async Task AMessage_IsListedFromItsMetadata_AsItsFileSays()
    {
        var id = $"test-devoutbox.{Guid.NewGuid():N}";
        var blobName = $"test/{Guid.NewGuid():N}.pdf";
        await (await app.Storage.Container(StorageNames.AttachmentsContainer)).GetBlobClient(blobName).UploadAsync(new BinaryData(TestFiles.Pdf()));
        var message = new EmailMessage(id, [new EmailAddress("åse.ødegård@example.org", "Åse"), new EmailAddress("ola@example.org")],
            "Innkalling, møte i SSU – «æøå» 100 %", "Tekst", "<p>Tekst</p>",
            [new EmailAttachment("sakspapirer, del 1.pdf", "application/pdf", StorageNames.AttachmentsContainer, blobName)]);
        await app.Service<EmailOutbox>().Enqueue(message);

        var container = await app.Storage.Container(StorageNames.OutboxContainer);
        var properties = await container.GetBlobClient(LocalOutboxSender.BlobName(id)).GetPropertiesAsync();
        Assert.Contains("subject", properties.Value.Metadata.Keys);

        var entry = Assert.Single(await Listed(id));
        using var mime = await MimeMessage.LoadAsync((await container.GetBlobClient(entry.Name).DownloadStreamingAsync()).Value.Content);
        Assert.Equal(mime.Subject, entry.Subject);
        Assert.Equal(mime.To.Mailboxes.Select(m => m.Address), entry.To);
        Assert.Equal(["sakspapirer, del 1.pdf"], entry.Attachments);
    }

    [Fact]
    public async Task TheList_IsPaged()
    {
        var prefix = $"test-devoutbox-paged.{Guid.NewGuid():N}";
        var outbox = app.Service<EmailOutbox>();
        for (var i = 0; i < 3; i++)
        {
            await outbox.Enqueue(new EmailMessage($"{prefix}.{i}", [new EmailAddress("ola@example.org")], $"Melding {i}", "Tekst", "<p>Tekst</p>", []));
        }

        using var first = await app.Http.GetAsync($"/api/dev/outbox?prefix={prefix}&limit=2");
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>(Json.Options))!.Count);
        var next = System.Text.RegularExpressions.Regex.Match(first.Headers.GetValues("Link").Single(), "^<([^>]+)>; rel=\"next\"$").Groups[1].Value;
        using var second = await app.Http.GetAsync(next);
        Assert.Equal(["Melding 2"], (await second.Content.ReadFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>(Json.Options))!.Select(e => e.Subject));
        Assert.False(second.Headers.Contains("Link"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await app.Http.GetAsync($"/api/dev/outbox?prefix={prefix}&limit=0")).StatusCode);
    }

    [Fact]
    public async Task AFileWrittenWithoutMetadata_IsListedFromItsContent()
    {
        var id = $"test-devoutbox-old.{Guid.NewGuid():N}";
        var mime = new MimeMessage { Subject = "Referat fra møtet" };
        mime.To.Add(new MailboxAddress("Kari", "kari@example.org"));
        mime.Body = new TextPart("plain") { Text = "Hei" };
        using var buffer = new MemoryStream();
        await mime.WriteToAsync(buffer);
        buffer.Position = 0;
        await (await app.Storage.Container(StorageNames.OutboxContainer)).GetBlobClient(LocalOutboxSender.BlobName(id)).UploadAsync(buffer);

        var entry = Assert.Single(await Listed(id));

        Assert.Equal("Referat fra møtet", entry.Subject);
        Assert.Equal(["kari@example.org"], entry.To);
        Assert.Empty(entry.Attachments);
    }
}
