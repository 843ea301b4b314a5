using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// The summons step as the secretariat meets it: the dev clock (POST /api/dev/clock) passes a meeting's summons time and
/// answers when the step is done (the agenda frozen, the summons and the packet printed and stored, the papers
/// published, the emails recorded and sent: a summons with the packet attached to each of the 28 on the roster, and the
/// notices to the 12 submitters and the secretariat) through the app's
/// SendGridSender to a loopback server standing in for SendGrid (it reads every byte of each request and answers 202).
/// A: the app's sender (the body streamed, the packet read once per summons through AttachmentContents). B: the same app
/// with SendGrid's own client serializing each whole message to one string, as the sender did before issue 14. One app
/// on one Azurite with Helgeland's SSU; the sender is switched between rounds. Two packets: 12 cases (small), and 12
/// cases two of which attach a 4 MB PDF (about 8 MB). For each, A and B alternate (which goes first alternating), one
/// warm-up round each, then 5 each; every round is a meeting of its own (extraordinary, on Tuesdays four weeks apart
/// from 2028, away from the plan's Thursdays): its cases submitted through POST /api/cases 22 days before, the clock set
/// untimed to a minute before its summons, then timed to a minute after. Printed per packet and sender: min/median/max
/// ms, and per round (median) the MB read from the documents container, MB uploaded to the loopback server and MB
/// allocated by this process (the app runs in it). Every timed answer must report one step run and every email sent.
/// Last, not built and clearly labelled: one mail/send request per summons (40 personalizations, the packet attached
/// once), the figure issue 14's open decision weighs.
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
            if (message.Request.Method == RequestMethod.Get && message.Request.Uri.Path.Contains($"/{Documents.DocumentStore.Container}/", StringComparison.Ordinal))
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
        using var sendGrid = new DrainingSendGrid();
        var counter = new CountsBlobBytes();
        var sender = new Switch();
        await using var azurite = await Azurite.Start();
        var baseUrl = $"http://127.0.0.1:{Azurite.FreePort()}";
        var settings = AppFixture.Settings(azurite.ConnectionString, baseUrl);
        settings["Email:SendGridApiKey"] = "SG.bench";
        settings["Email:SendGridHost"] = sendGrid.Url;
        settings["Intake:MaxFileBytes"] = (5 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        settings["Intake:MaxCaseBytes"] = (10 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        var app = await AppFixture.StartApp(settings, services =>
        {
            services.AddSingleton<HttpPipelinePolicy>(counter);
            services.AddSingleton<IEmailSender>(sp => sender.Build(sp, sendGrid.Url));
        });
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        try
        {
            var attachment = TestFiles.Pdf("Utredning", padding: 4 * 1024 * 1024);
            var meeting = new DateOnly(2028, 1, 4); // a Tuesday
            Console.WriteLine($"The summons step through POST /api/dev/clock, {Environment.ProcessorCount} cores; A: the app's sender, B: SendGrid's client (before); 1 warm-up + 5 rounds each, alternating; ms min/median/max");
            Console.WriteLine("packet          sender                     ms (min/median/max)   emails   MB read   MB uploaded   MB allocated   packet MB");
            foreach (var (label, withAttachments) in new[] { ("12 cases", false), ("12 cases, 2×4 MB", true) })
            {
                var rounds = new Dictionary<bool, List<Round>> { [false] = [], [true] = [] };
                for (var i = 0; i < 12; i++)
                {
                    var before = i % 4 is 1 or 2; // A B B A A B B A …: each goes first as often
                    sender.Before = before;
                    rounds[before].Add(await OneSummons(http, app, counter, sendGrid, meeting, withAttachments ? attachment : null));
                    meeting = meeting.AddDays(28);
                }

                foreach (var (before, name) in new[] { (false, "A: streamed (the app)"), (true, "B: SendGrid's client") })
                {
                    var measured = rounds[before].Skip(1).ToList();
                    var ms = measured.Select(r => r.Ms).Order().ToList();
                    var mid = measured.OrderBy(r => r.Ms).ElementAt(measured.Count / 2);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{label,-15} {name,-25} {ms[0],6:0}/{ms[ms.Count / 2],6:0}/{ms[^1],6:0}   {mid.Emails,6}   {mid.Read / 1048576.0,7:0.0}   {mid.Uploaded / 1048576.0,11:0.0}   {mid.Allocated / 1048576.0,12:0}   {mid.PacketBytes / 1048576.0,9:0.0}"));
                }

                var a = rounds[false].Skip(1).Select(r => r.Ms).Order().ElementAt(2);
                var b = rounds[true].Skip(1).Select(r => r.Ms).Order().ElementAt(2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-15} B/A (medians)             {b / a:0.00}×"));
            }

            var container = await app.Services.GetRequiredService<StorageClients>().Container(StorageNames.AttachmentsContainer);
            await OneRequestPerSummons(container, sendGrid);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private sealed record Round(double Ms, int Emails, long Read, long Uploaded, long Allocated, long PacketBytes);

    /// <summary>A meeting on <paramref name="date"/>, its 12 cases, the clock to a minute before its summons, then the timed summons.</summary>
    private static async Task<Round> OneSummons(HttpClient http, WebApplication app, CountsBlobBytes counter, DrainingSendGrid sendGrid, DateOnly date, byte[]? attachment)
    {
        var id = MeetingId.For("ssu", date, MeetingKind.Extraordinary);
        using (var plan = AppFixture.Secretariat(HttpMethod.Post, "/api/bodies/ssu/meetings", new { meetings = new[] { new { date = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start = "10:00", end = "14:00", location = "Mosjøen", kind = "extraordinary" } } }))
        {
            await Expect(await http.SendAsync(plan), HttpStatusCode.Created, $"planning {id}");
        }

        await Clock(http, Oslo.At(date.AddDays(-22), new TimeOnly(9, 0)));
        for (var i = 0; i < 12; i++)
        {
            var submission = Submissions.Valid($"Sak {i + 1} om samhandling på Helgeland");
            submission["preferredMeetingDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var files = attachment is not null && i is 3 or 7 ? new[] { ("utredning.pdf", attachment) } : [];
            using var response = await http.PostAsync("/api/cases", Submissions.AsMultipart(submission, files));
            await Expect(response, HttpStatusCode.Created, "a case");
            var on = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meeting").GetProperty("id").GetString();
            if (on != id.Value)
            {
                throw new InvalidOperationException($"The case went to {on}, not {id}.");
            }
        }

        using var status = AppFixture.Secretariat(HttpMethod.Get, $"/api/meetings/{id}/cycle");
        var cycle = (await (await http.SendAsync(status)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("steps").EnumerateArray()
            .First(s => string.Equals(s.GetProperty("step").GetString(), "summons", StringComparison.OrdinalIgnoreCase)).GetProperty("plannedAt").GetDateTimeOffset();
        await Clock(http, cycle.AddMinutes(-1));

        Interlocked.Exchange(ref counter.Bytes, 0);
        Interlocked.Exchange(ref sendGrid.Received, 0);
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var answer = await Clock(http, cycle.AddMinutes(1));
        watch.Stop();
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var emails = answer.GetProperty("emailsSent").GetInt32();
        var roster = await app.Services.GetRequiredService<MeetingStore>().Roster("ssu", date);
        // The step's emails: a summons with the packet to each of the roster, the submitters told their case is on the
        // agenda, the secretariat told the agenda was frozen by the summons.
        if (answer.GetProperty("stepsRun").GetInt32() != 1 || emails < roster.Count)
        {
            throw new InvalidOperationException($"The timed clock ran {answer}; expected the summons step alone, with at least {roster.Count} emails.");
        }

        var packet = await app.Services.GetRequiredService<MeetingPapers>().Packet(id, default, restricted: true);
        return new Round(watch.Elapsed.TotalMilliseconds, emails, counter.Bytes, sendGrid.Received, allocated, packet!.Content.LongLength);
    }

    private static async Task<JsonElement> Clock(HttpClient http, DateTimeOffset now)
    {
        using var response = await http.PostAsJsonAsync("/api/dev/clock", new { now });
        await Expect(response, HttpStatusCode.OK, $"the clock to {now:O}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task Expect(HttpResponseMessage response, HttpStatusCode status, string what)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The app's sender, or SendGrid's client as before (<see cref="Before"/>), switched between rounds.</summary>
    private sealed class Switch
    {
        private IEmailSender? streamed;
        private IEmailSender? library;

        public bool Before { get; set; }

        public IEmailSender Build(IServiceProvider services, string host)
        {
            streamed = ActivatorUtilities.CreateInstance<SendGridSender>(services);
            library = new LibrarySerializes(services.GetRequiredService<AttachmentContents>(), host);
            return new Switched(this);
        }

        private sealed class Switched(Switch choice) : IEmailSender
        {
            private IEmailSender Current => choice.Before ? choice.library! : choice.streamed!;

            public Task<string> Send(EmailMessage message, CancellationToken ct) => Current.Send(message, ct);

            public Task<bool?> WasDelivered(string messageId, CancellationToken ct) => Current.WasDelivered(messageId, ct);
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
