using System.Text;
using System.Text.Json;
using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
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

    public async Task InitializeAsync() => app = await StartSendGridInstance();

    /// <summary>An app instance sending through the loopback SendGrid, on the same clock as the test's instance.</summary>
    private async Task<WebApplication> StartSendGridInstance(Action<IServiceCollection>? services = null)
    {
        var instance = await fixture.StartAnother(
            settings =>
            {
                settings["Email:SendGridApiKey"] = "SG.test-key";
                settings["Email:SendGridHost"] = sendGrid.Url;
            },
            services: services);
        if (app is not null)
        {
            instance.Services.GetRequiredService<AdjustableClock>().Set(app.Services.GetRequiredService<AdjustableClock>().GetUtcNow());
        }

        return instance;
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
        Assert.True(await PendingMailTests.Indexed(app.Services.GetRequiredService<StorageClients>(), message.Id));

        await outbox.SendPending();
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        Assert.False(await PendingMailTests.Indexed(app.Services.GetRequiredService<StorageClients>(), message.Id));
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

        // Named in Utsendelser: "Feilet", its recipient, what the provider said, and a button to send it again.
        using (var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/api/sekretariat/utsendelser?mote={message.Id}&status=Failed"))
        {
            request.Headers.Add("Cookie", Workspace.WorkspaceSession.Secretariat(app.Services));
            var page = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
            Assert.Contains("kari.nordli@example.org", page, StringComparison.Ordinal);
            Assert.Contains("Feilet", page, StringComparison.Ordinal);
            Assert.Contains("class=\"field-error\"", page, StringComparison.Ordinal);
            Assert.Contains($"/utsendelser/{Uri.EscapeDataString(message.Id)}\"", page, StringComparison.Ordinal);
        }

        var storage = app.Services.GetRequiredService<StorageClients>();
        Assert.False(await PendingMailTests.Indexed(storage, message.Id));

        // Sent again on the secretariat's word (the address corrected): back in the index until it is sent.
        sendGrid.AnswerNext(500);
        Assert.Equal(EmailOutbox.State.Pending, await outbox.Retry(message.Id));
        Assert.True(await PendingMailTests.Indexed(storage, message.Id));
        await outbox.SendPending();
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        Assert.False(await PendingMailTests.Indexed(storage, message.Id));
    }

    [Fact]
    public async Task AMessageRefused_WhoseNoticeIsRefusedToo_CountsOnceInHealth()
    {
        var outbox = app.Services.GetRequiredService<EmailOutbox>();
        var message = await MessageWithAttachment();
        var before = await outbox.FailedCount();
        sendGrid.AnswerNext(400, 400);
        await outbox.Enqueue(message);

        Assert.Equal(EmailOutbox.State.Failed, await outbox.StateOf(message.Id));
        Assert.Equal(EmailOutbox.State.Failed, await outbox.StateOf(MessageIds.EmailFailed(message.Id)));
        Assert.Equal(before + 1, await outbox.FailedCount());
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

    /// <summary>
    /// A rotated API key: SendGrid answers 401 to everything. No email is given up (the summons waits in the outbox), each
    /// is tried again less and less often, and the secretariat hears it without email: health says "unhealthy" and the
    /// workspace shows it on every screen, until SendGrid takes mail again.
    /// </summary>
    [Fact]
    public async Task ARefusedApiKey_GivesUpNothing_BacksOff_AndIsToldOutsideEmail_UntilTheKeyWorks()
    {
        var outbox = app.Services.GetRequiredService<EmailOutbox>();
        var clock = app.Services.GetRequiredService<AdjustableClock>();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var message = await MessageWithAttachment();
        int Tries() => sendGrid.Requests.Count(r => r.Path == "/v3/mail/send" && r.Body.Contains($"\"outboxId\":\"{message.Id}\"", StringComparison.Ordinal));
        async Task<JsonElement> Health() => JsonDocument.Parse(await http.GetStringAsync("/api/health")).RootElement.Clone();

        sendGrid.AnswerNext([.. Enumerable.Repeat(401, EmailOutbox.MaxAttempts + 2)]);
        await outbox.Enqueue(message);
        Assert.Equal(EmailOutbox.State.Pending, await outbox.StateOf(message.Id));
        Assert.Null(await outbox.StateOf(MessageIds.EmailFailed(message.Id))); // the alert does not go the way that fails
        var health = await Health();
        Assert.Equal("unhealthy", health.GetProperty("status").GetString());
        Assert.Contains("E-postleverandøren avviser appens nøkkel", health.GetProperty("work").GetProperty("mailProvider").GetString());
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/sekretariat"))
        {
            request.Headers.Add("Cookie", Workspace.WorkspaceSession.Secretariat(app.Services));
            using var overview = await http.SendAsync(request);
            Assert.Contains("E-postleverandøren avviser appens nøkkel", await overview.Content.ReadAsStringAsync());
        }

        // Not tried again at once: after 1 minute, then 2, 4 … 60; and never given up, however many tries.
        await outbox.SendPending();
        Assert.Equal(1, Tries());
        for (var i = 0; i < EmailOutbox.MaxAttempts + 1; i++)
        {
            clock.Set(clock.GetUtcNow().AddMinutes(61));
            await outbox.SendPending();
        }

        Assert.Equal(EmailOutbox.MaxAttempts + 2, Tries());
        Assert.Equal(EmailOutbox.State.Pending, await outbox.StateOf(message.Id));

        // The key is fixed: the next try goes, and the alert is over.
        clock.Set(clock.GetUtcNow().AddMinutes(61));
        await outbox.SendPending();
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        clock.Set(clock.GetUtcNow().AddMinutes(1)); // past the alert's 15 s cache on every instance
        Assert.NotEqual("unhealthy", (await Health()).GetProperty("status").GetString());
    }

    /// <summary>How many times SendGrid accepted the message with this outbox id.</summary>
    private int HandOvers(string messageId) =>
        sendGrid.Requests.Count(r => r.Path == "/v3/mail/send" && r.Status == 202 && r.Body.Contains($"\"outboxId\":\"{messageId}\"", StringComparison.Ordinal));

    /// <summary>SendGrid's Email Activity API as far as the outbox uses it: messages whose custom_args carry an outbox id.</summary>
    private (int, string) Activity(RecordingHttpListener.Request get, IReadOnlyCollection<RecordingHttpListener.Request> posts)
    {
        Assert.Equal("/v3/messages", get.Path);
        var query = Uri.UnescapeDataString(get.Query);
        var id = System.Text.RegularExpressions.Regex.Match(query, @"unique_args\['outboxId'\]=""([^""]+)""").Groups[1].Value;
        var found = posts.Where(p => p.Status == 202 && p.Body.Contains($"\"outboxId\":\"{id}\"", StringComparison.Ordinal)).Select(_ => new { msg_id = "sg." + id, status = "processed" });
        return (200, JsonSerializer.Serialize(new { messages = found }));
    }

    /// <summary>An instance enqueues the message and "dies" where <paramref name="death"/> says: its storage fails from there on.</summary>
    private async Task DiesEnqueueing(EmailMessage message, HttpPipelinePolicy death)
    {
        var dying = await StartSendGridInstance(s => s.AddSingleton(death));
        try
        {
            await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => dying.Services.GetRequiredService<EmailOutbox>().Enqueue(message));
        }
        finally
        {
            await dying.StopAsync();
            await dying.DisposeAsync();
        }

        Assert.Equal(EmailOutbox.State.Sending, await app.Services.GetRequiredService<EmailOutbox>().StateOf(message.Id));
    }

    /// <summary>An instance that hands the message to SendGrid and dies before it can record that (its next storage write fails).</summary>
    private async Task DiesRightAfterHandingOver(EmailMessage message)
    {
        await DiesEnqueueing(message, new DiesAtWrite(() => HandOvers(message.Id) > 0));
        Assert.Equal(1, HandOvers(message.Id));
    }

    /// <summary>The dead instance's claim runs out (5 minutes) and the healthy one sends what is pending.</summary>
    private async Task<EmailOutbox> AfterTheClaimRunsOut()
    {
        var clock = app.Services.GetRequiredService<AdjustableClock>();
        clock.Set(clock.GetUtcNow().AddMinutes(6));
        var outbox = app.Services.GetRequiredService<EmailOutbox>();
        await outbox.SendPending();
        return outbox;
    }

    [Fact]
    public async Task ACrashBetweenHandOverAndRecord_IsNotSentAgain_WhenSendGridHasTheMessage()
    {
        sendGrid.AnswerGet = Activity;
        var message = await MessageWithAttachment();
        await DiesRightAfterHandingOver(message);

        // Before the claim's lease runs out nobody touches it; after it, the outbox asks SendGrid first.
        Assert.Equal(0, await app.Services.GetRequiredService<EmailOutbox>().SendPending());
        var outbox = await AfterTheClaimRunsOut();

        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        Assert.Equal(1, HandOvers(message.Id));
        Assert.Contains(sendGrid.Gets, g => Uri.UnescapeDataString(g.Query).Contains(message.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACrashBeforeTheHandOver_IsSentOnce_WhenSendGridHasNoSuchMessage()
    {
        sendGrid.AnswerGet = Activity;
        var message = await MessageWithAttachment();

        // The instance claims the message and dies while reading its attachment, before SendGrid hears of it.
        await DiesEnqueueing(message, new DiesAtRequest(m => m.Request.Uri.Path.Contains(message.Attachments[0].BlobName, StringComparison.Ordinal)));
        var outbox = await AfterTheClaimRunsOut();

        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        Assert.Equal(1, HandOvers(message.Id));
        Assert.Contains(sendGrid.Gets, g => Uri.UnescapeDataString(g.Query).Contains(message.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACrashBetweenHandOverAndRecord_IsSentAgain_WhenSendGridCannotSay()
    {
        // Without the activity history add-on SendGrid refuses the query: the message may arrive twice, never zero times.
        sendGrid.AnswerGet = (_, _) => (403, """{"errors":[{"message":"access forbidden"}]}""");
        var message = await MessageWithAttachment();
        await DiesRightAfterHandingOver(message);
        var outbox = await AfterTheClaimRunsOut();

        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        Assert.Equal(2, HandOvers(message.Id));
    }
}
