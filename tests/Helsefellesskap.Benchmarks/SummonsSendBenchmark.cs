using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Sending a summons' emails: 40 recipients, each email attaching the packet (100 KB and 8 MB). Shared:
/// every email attaches the same blob, as the summons does (read once through AttachmentContents).
/// Per recipient: the same bytes in 40 blobs, so each email reads its own: what every send cost before.
/// The sender base64-encodes each attachment as SendGrid's JSON needs and hands nothing over (SendGrid's
/// servers are not reachable here): the figures are the app's side, time and bytes read from storage.
/// </summary>
public static class SummonsSendBenchmark
{
    private const int Recipients = 40;

    private sealed class CountsBlobBytes : HttpPipelinePolicy
    {
        public long Bytes;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.Contains($"/{StorageNames.AttachmentsContainer}/", StringComparison.Ordinal))
            {
                Interlocked.Add(ref Bytes, message.Response.Headers.ContentLength ?? 0);
            }
        }
    }

    /// <summary>Does what SendGridSender does before it hands a message over (the attachments as base64 in SendGrid's JSON), and hands nothing over.</summary>
    internal sealed class EncodesOnly(AttachmentContents attachments) : IEmailSender
    {
        public async Task<string> Send(EmailMessage message, CancellationToken ct)
        {
            var mail = new SendGrid.Helpers.Mail.SendGridMessage { Subject = message.Subject, PlainTextContent = message.TextBody, HtmlContent = message.HtmlBody };
            mail.SetFrom("post@example.org");
            mail.AddTos(message.To.Select(t => new SendGrid.Helpers.Mail.EmailAddress(t.Email, t.Name)).ToList());
            foreach (var attachment in message.Attachments)
            {
                mail.AddAttachment(attachment.FileName, await attachments.Base64(attachment, ct), attachment.ContentType);
            }

            _ = mail.Serialize();
            return "benchmark";
        }

        public Task<bool?> WasDelivered(string messageId, CancellationToken ct) => Task.FromResult<bool?>(false);
    }

    public static async Task Run()
    {
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        var counter = new CountsBlobBytes();
        var app = await fixture.StartAnother(services: s =>
        {
            s.AddSingleton<HttpPipelinePolicy>(counter);
            s.AddSingleton<IEmailSender>(sp => new EncodesOnly(sp.GetRequiredService<AttachmentContents>()));
        });
        try
        {
            var storage = app.Services.GetRequiredService<StorageClients>();
            var outbox = app.Services.GetRequiredService<EmailOutbox>();
            var container = await storage.Container(StorageNames.AttachmentsContainer);
            Console.WriteLine($"{Recipients} recipients, each email attaching the packet; warm-up: one round of 100 KB first");
            Console.WriteLine("packet    attached          ms    MB read   read / packet");
            var round = 0;
            foreach (var (size, label, shown) in new[] { (100 * 1024, "100 KB", false), (100 * 1024, "100 KB", true), (8 * 1024 * 1024, "8 MB", true) })
            {
                foreach (var shared in new[] { true, false })
                {
                    round++;
                    var bytes = new byte[size];
                    Random.Shared.NextBytes(bytes);
                    var names = Enumerable.Range(0, shared ? 1 : Recipients).Select(i => $"bench/{round}-{i}.pdf").ToList();
                    foreach (var name in names)
                    {
                        await container.GetBlobClient(name).UploadAsync(new BinaryData(bytes));
                    }

                    var ids = new List<string>();
                    for (var i = 0; i < Recipients; i++)
                    {
                        var message = new EmailMessage($"bench.{round}.{i}", [new EmailAddress($"m{i}@example.org")], "Innkalling", "Tekst", "<p>Tekst</p>",
                            [new EmailAttachment("sakspapirer.pdf", "application/pdf", StorageNames.AttachmentsContainer, names[shared ? 0 : i])]);
                        await outbox.Record(message);
                        ids.Add(message.Id);
                    }

                    Interlocked.Exchange(ref counter.Bytes, 0);
                    var watch = Stopwatch.StartNew();
                    foreach (var id in ids)
                    {
                        await outbox.TrySend(id);
                    }

                    watch.Stop();
                    if (shown)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{label,-9} {(shared ? "shared" : "per recipient"),-14} {watch.Elapsed.TotalMilliseconds,7:0}  {counter.Bytes / 1048576.0,8:0.0}   {(double)counter.Bytes / size,6:0.0}×"));
                    }
                }
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            await fixture.DisposeAsync();
        }
    }
}
