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
/// Sending a summons' emails: 40 recipients, each email attaching the packet (100 KB and 8 MB), through the
/// app's SendGridSender to a loopback server standing in for SendGrid (it reads every byte of each request
/// and answers 202). Shared: every email attaches the same blob, as the summons does (read once through
/// AttachmentContents). Per recipient: the same bytes in 40 blobs, so each email reads its own (what every send
/// cost before the cache). Before: the same messages sent as the sender did until this change, through
/// SendGrid's client serializing each whole message to one JSON string. Figures: time, bytes read from
/// storage, bytes uploaded, bytes allocated by the process. Last, not built and clearly labelled: one mail/send
/// request per summons (40 personalizations, the packet attached once), the figure the issue's open decision weighs.
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

    /// <summary>SendGrid's mail/send as far as the time goes: every byte read, 202 Accepted.</summary>
    internal sealed class DrainingSendGrid : IDisposable
    {
        private readonly System.Net.HttpListener listener = new();
        public long Received;

        public DrainingSendGrid()
        {
            Url = $"http://127.0.0.1:{Azurite.FreePort()}";
            listener.Prefixes.Add(Url + "/");
            listener.Start();
            _ = Task.Run(async () =>
            {
                var buffer = new byte[1 << 16];
                while (listener.IsListening)
                {
                    System.Net.HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    int read;
                    while ((read = await context.Request.InputStream.ReadAsync(buffer)) > 0)
                    {
                        Interlocked.Add(ref Received, read);
                    }

                    context.Response.StatusCode = 202;
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose() => listener.Close();
    }

    /// <summary>What SendGridSender did before its body was streamed: SendGrid's client serializes each message to one string.</summary>
    private sealed class LibrarySerializes(AttachmentContents attachments, string host) : IEmailSender
    {
        private readonly SendGrid.SendGridClient client = new(new SendGrid.SendGridClientOptions { ApiKey = "SG.bench", Host = host });

        public async Task<string> Send(EmailMessage message, CancellationToken ct)
        {
            var mail = new SendGrid.Helpers.Mail.SendGridMessage { Subject = message.Subject, PlainTextContent = message.TextBody, HtmlContent = message.HtmlBody };
            mail.SetFrom("post@example.org");
            mail.AddTos(message.To.Select(t => new SendGrid.Helpers.Mail.EmailAddress(t.Email, t.Name)).ToList());
            mail.AddCustomArg("outboxId", message.Id);
            foreach (var attachment in message.Attachments)
            {
                mail.AddAttachment(attachment.FileName, Convert.ToBase64String(await attachments.Read(attachment, ct)), attachment.ContentType);
            }

            var response = await client.SendEmailAsync(mail, ct);
            return response.IsSuccessStatusCode ? "benchmark" : throw new HttpRequestException($"{response.StatusCode}");
        }

        public Task<bool?> WasDelivered(string messageId, CancellationToken ct) => Task.FromResult<bool?>(false);
    }

    public static async Task Run()
    {
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        using var sendGrid = new DrainingSendGrid();
        var counter = new CountsBlobBytes();
        var app = await fixture.StartAnother(
            settings =>
            {
                settings["Email:SendGridApiKey"] = "SG.bench";
                settings["Email:SendGridHost"] = sendGrid.Url;
            },
            services: s => s.AddSingleton<HttpPipelinePolicy>(counter));
        var before = await fixture.StartAnother(services: s =>
        {
            s.AddSingleton<HttpPipelinePolicy>(counter);
            s.AddSingleton<IEmailSender>(sp => new LibrarySerializes(sp.GetRequiredService<AttachmentContents>(), sendGrid.Url));
        });
        try
        {
            var storage = app.Services.GetRequiredService<StorageClients>();
            var outbox = app.Services.GetRequiredService<EmailOutbox>();
            var container = await storage.Container(StorageNames.AttachmentsContainer);
            Console.WriteLine($"{Recipients} recipients, each email attaching the packet, sent through SendGrid's API to a loopback server; warm-up: one round of 100 KB first");
            Console.WriteLine("packet    sender                    attached          ms    MB read   read / packet   MB uploaded   MB allocated");
            var round = 0;
            foreach (var (size, label, shown) in new[] { (100 * 1024, "100 KB", false), (100 * 1024, "100 KB", true), (8 * 1024 * 1024, "8 MB", true) })
            {
                foreach (var (shared, sender) in new[] { (true, "streamed (the app)"), (false, "streamed (the app)"), (true, "SendGrid's client (before)") })
                {
                    var sending = sender.StartsWith("streamed", StringComparison.Ordinal) ? outbox : before.Services.GetRequiredService<EmailOutbox>();
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
                        await sending.Record(message);
                        ids.Add(message.Id);
                    }

                    Interlocked.Exchange(ref counter.Bytes, 0);
                    Interlocked.Exchange(ref sendGrid.Received, 0);
                    GC.Collect();
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var watch = Stopwatch.StartNew();
                    foreach (var id in ids)
                    {
                        if (await sending.TrySend(id) != EmailOutbox.State.Sent)
                        {
                            throw new InvalidOperationException($"{id} was not sent.");
                        }
                    }

                    watch.Stop();
                    allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                    if (shown)
                    {
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{label,-9} {sender,-25} {(shared ? "shared" : "per recipient"),-14} {watch.Elapsed.TotalMilliseconds,7:0}  {counter.Bytes / 1048576.0,8:0.0}   {(double)counter.Bytes / size,6:0.0}×   {sendGrid.Received / 1048576.0,11:0.0}   {allocated / 1048576.0,12:0}"));
                    }
                }
            }

            await OneRequestPerSummons(container, sendGrid);
        }
        finally
        {
            await before.StopAsync();
            await before.DisposeAsync();
            await app.StopAsync();
            await app.DisposeAsync();
            await fixture.DisposeAsync();
        }
    }

    /// <summary>
    /// Not built: what one mail/send request per summons would take (the decision on issue 14), measured so it
    /// can be weighed. Every recipient a personalization with their own links as substitutions; the packet
    /// attached once and read from storage once.
    /// </summary>
    private static async Task OneRequestPerSummons(Azure.Storage.Blobs.BlobContainerClient container, DrainingSendGrid sendGrid)
    {
        Console.WriteLine("not built, for the decision: one mail/send request per summons (40 personalizations, the packet attached once, SendGrid's client) — the request alone, without the outbox's per-person rows that the app's figures above include:");
        var client = new SendGrid.SendGridClient(new SendGrid.SendGridClientOptions { ApiKey = "SG.bench", Host = sendGrid.Url });
        foreach (var (size, label, shown) in new[] { (100 * 1024, "100 KB", false), (100 * 1024, "100 KB", true), (8 * 1024 * 1024, "8 MB", true) })
        {
            var bytes = new byte[size];
            Random.Shared.NextBytes(bytes);
            var blob = container.GetBlobClient($"bench/one-request-{Guid.NewGuid():N}.pdf");
            await blob.UploadAsync(new BinaryData(bytes));
            Interlocked.Exchange(ref sendGrid.Received, 0);
            var watch = Stopwatch.StartNew();
            var packet = (await blob.DownloadContentAsync()).Value.Content.ToArray();
            var mail = new SendGrid.Helpers.Mail.SendGridMessage { Subject = "Innkalling", PlainTextContent = "Hei -navn-, forfall: -lenke-", HtmlContent = "<p>Hei -navn-, forfall: -lenke-</p>" };
            mail.SetFrom("post@example.org");
            for (var i = 0; i < Recipients; i++)
            {
                mail.AddTo(new SendGrid.Helpers.Mail.EmailAddress($"m{i}@example.org"), i);
                mail.AddSubstitutions(new Dictionary<string, string> { ["-navn-"] = $"Medlem {i}", ["-lenke-"] = $"https://example.org/api/forfall/m/{i}?t=token" }, i);
            }

            mail.AddAttachment("sakspapirer.pdf", Convert.ToBase64String(packet), "application/pdf");
            var response = await client.SendEmailAsync(mail);
            watch.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"The loopback server answered {response.StatusCode}.");
            }

            if (shown)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label,-9} {"one request per summons",-25} {"shared",-14} {watch.Elapsed.TotalMilliseconds,7:0}  {size / 1048576.0,8:0.0}   {1.0,6:0.0}×   {sendGrid.Received / 1048576.0,11:0.0}"));
            }
        }
    }
}
