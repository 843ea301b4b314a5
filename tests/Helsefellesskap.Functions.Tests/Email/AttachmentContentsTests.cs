using Azure.Core;
using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>A packet attached to many emails is read from storage once, not once per recipient.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class AttachmentContentsTests(AppFixture fixture)
{
    /// <summary>Counts the downloads of the test packet (its blob name carries the marker).</summary>
    private sealed class CountsDownloads(string marker) : HttpPipelinePolicy
    {
        public int Count;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.Contains($"/{StorageNames.AttachmentsContainer}/test/{marker}", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref Count);
            }

            return ProcessNextAsync(message, pipeline);
        }
    }

    [Fact]
    public async Task ThePacket_IsReadOnce_ForEveryRecipient()
    {
        var marker = $"pakke-{Guid.NewGuid():N}";
        var downloads = new CountsDownloads(marker);
        var app = await fixture.StartAnother(services: s => s.AddSingleton<HttpPipelinePolicy>(downloads));
        try
        {
            var storage = app.Services.GetRequiredService<StorageClients>();
            var blobName = $"test/{marker}.pdf";
            await (await storage.Container(StorageNames.AttachmentsContainer)).GetBlobClient(blobName).UploadAsync(new BinaryData(TestFiles.Pdf("Sakspapirer")));
            var outbox = app.Services.GetRequiredService<EmailOutbox>();
            var ids = new List<string>();
            for (var i = 0; i < 12; i++)
            {
                var message = new EmailMessage($"test.{marker}.{i}", [new EmailAddress($"medlem{i}@example.org")], "Innkalling", "Tekst", "<p>Tekst</p>",
                    [new EmailAttachment("sakspapirer.pdf", "application/pdf", StorageNames.AttachmentsContainer, blobName)]);
                await outbox.Record(message);
                ids.Add(message.Id);
            }

            await Task.WhenAll(ids.Select(id => outbox.TrySend(id)));

            foreach (var id in ids)
            {
                Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(id));
            }

            Assert.Equal(1, downloads.Count);
            var eml = await (await storage.Container(StorageNames.OutboxContainer)).GetBlobClient(LocalOutboxSender.BlobName(ids[^1])).DownloadContentAsync();
            Assert.Contains("sakspapirer.pdf", eml.Value.Content.ToString());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
