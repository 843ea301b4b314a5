using System.Text;
using System.Text.Json;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>With an API key, mail goes to SendGrid's v3 mail/send; a loopback listener stands in for SendGrid's servers.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class SendGridSenderTests(AppFixture fixture) : IAsyncLifetime
{
    private readonly RecordingHttpListener sendGrid = new();
    private WebApplication app = null!;

    public async Task InitializeAsync()
    {
        app = await fixture.StartAnother(settings =>
        {
            settings["Email:SendGridApiKey"] = "SG.test-key";
            settings["Email:SendGridHost"] = sendGrid.Url;
        });
    }

    public async Task DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        sendGrid.Dispose();
    }

    private async Task<EmailMessage> MessageWithAttachment()
    {
        var storage = app.Services.GetRequiredService<StorageClients>();
        var container = await storage.Container(StorageNames.AttachmentsContainer);
        var blobName = $"test/{Guid.NewGuid():N}.pdf";
        await container.GetBlobClient(blobName).UploadAsync(new BinaryData(TestFiles.Pdf()));
        return new EmailMessage(
            $"test.{Guid.NewGuid():N}",
            [new EmailAddress("kari.nordli@example.org", "Kari Nordli")],
            "Innkalling til møte i SSU – æøå",
            "Hei Kari,\nVelkommen.",
            "<p>Hei Kari,</p>",
            [new EmailAttachment("sakspapirer.pdf", "application/pdf", StorageNames.AttachmentsContainer, blobName)]);
    }

    [Fact]
    public async Task Send_PostsTheV3Payload_WithBearerKeyAttachmentAndOutboxId()
    {
        var message = await MessageWithAttachment();
        await app.Services.GetRequiredService<EmailOutbox>().Enqueue(message);

        var request = Assert.Single(sendGrid.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer SG.test-key", request.Headers["Authorization"]);

        using var json = JsonDocument.Parse(request.Body);
        var root = json.RootElement;
        Assert.Equal("post@helsefellesskap.example.org", root.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal("Helsefellesskap Helgeland", root.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal("Innkalling til møte i SSU – æøå", root.GetProperty("subject").GetString());
        var to = root.GetProperty("personalizations")[0].GetProperty("to")[0];
        Assert.Equal("kari.nordli@example.org", to.GetProperty("email").GetString());
        var content = root.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString());
        Assert.Equal("Hei Kari,\nVelkommen.", content["text/plain"]);
        Assert.Equal("<p>Hei Kari,</p>", content["text/html"]);
        var attachment = root.GetProperty("attachments")[0];
        Assert.Equal("sakspapirer.pdf", attachment.GetProperty("filename").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("type").GetString());
        Assert.Equal(TestFiles.Pdf(), Convert.FromBase64String(attachment.GetProperty("content").GetString()!));
        Assert.Equal(message.Id, root.GetProperty("personalizations")[0].GetProperty("custom_args").GetProperty("outboxId").GetString());
    }

    [Fact]
    public async Task SameMessageEnqueuedTwice_IsSentOnce()
    {
        var outbox = app.Services.GetRequiredService<EmailOutbox>();
        var message = await MessageWithAttachment();
        Assert.True(await outbox.Enqueue(message));
        Assert.False(await outbox.Enqueue(message));
        Assert.Equal(EmailOutbox.State.Sent, await outbox.TrySend(message.Id));
        Assert.Single(sendGrid.Requests);
    }

    [Fact]
    public async Task RefusedBySendGrid_StaysPending_AndIsSentOnceOnTheNextTry()
    {
        var outbox = app.Services.GetRequiredService<EmailOutbox>();
        var message = await MessageWithAttachment();
        sendGrid.AnswerNext(500);
        await outbox.Enqueue(message);
        Assert.Equal(EmailOutbox.State.Pending, await outbox.StateOf(message.Id));

        await outbox.SendPending();
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        await outbox.SendPending();
        Assert.Equal(2, sendGrid.Requests.Count(r => Encoding.UTF8.GetByteCount(r.Body) > 0 && r.Body.Contains(message.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task APermanentRefusal_IsGivenUp_AndTheSecretariatToldOnce()
    {
        var outbox = app.Services.GetRequiredService<EmailOutbox>();
        var message = await MessageWithAttachment();
        sendGrid.AnswerNext(400);
        await outbox.Enqueue(message);

        Assert.Equal(EmailOutbox.State.Failed, await outbox.StateOf(message.Id));
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(MessageIds.EmailFailed(message.Id)));
        await outbox.SendPending();
        Assert.Equal(1, sendGrid.Requests.Count(r => r.Body.Contains($"\"{message.Id}\"", StringComparison.Ordinal)));
        Assert.True(await outbox.FailedCount() >= 1);
    }

    [Fact]
    public async Task ATemporaryRefusal_IsTriedAgain_UntilTheLimit()
    {
        var outbox = app.Services.GetRequiredService<EmailOutbox>();
        var message = await MessageWithAttachment();
        sendGrid.AnswerNext([.. Enumerable.Repeat(429, EmailOutbox.MaxAttempts)]);
        await outbox.Enqueue(message);
        Assert.Equal(EmailOutbox.State.Pending, await outbox.StateOf(message.Id));

        for (var i = 1; i < EmailOutbox.MaxAttempts; i++)
        {
            await outbox.TrySend(message.Id);
        }

        Assert.Equal(EmailOutbox.State.Failed, await outbox.StateOf(message.Id));
    }
}
