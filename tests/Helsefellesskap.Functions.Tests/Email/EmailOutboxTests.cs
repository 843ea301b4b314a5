using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>An email larger than a table column (64 KiB) is kept in a blob and sent like any other.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class EmailOutboxTests(AppFixture app)
{
    [Fact]
    public async Task AnEmailLargerThanATableColumn_IsRecordedAndSent()
    {
        var text = string.Concat(Enumerable.Range(0, 4_000).Select(i => $"- HFH-2027-{i:0000}: En lang sakstittel om samhandling nummer {i}\n"));
        Assert.True(text.Length > 200_000);
        var message = new EmailMessage($"test-stor.{Guid.NewGuid():N}", [new EmailAddress("sekretariat@example.org")], "Saksfristen er ute: 4000 saker", text, $"<pre>{text}</pre>", []);
        var outbox = app.Service<EmailOutbox>();

        Assert.True(await outbox.Enqueue(message));

        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(message.Id));
        var eml = await (await app.Storage.Container(StorageNames.OutboxContainer)).GetBlobClient(LocalOutboxSender.BlobName(message.Id)).DownloadContentAsync();
        Assert.Contains("nummer 3999", eml.Value.Content.ToString());
        Assert.False(await outbox.Enqueue(message));
    }
}
