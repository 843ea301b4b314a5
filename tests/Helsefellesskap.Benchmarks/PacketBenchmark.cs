using System.Diagnostics;
using System.Globalization;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// A meeting's packet through the app as the secretariat meets it, beside Chromium alone printing the same HTML,
/// in the same process and the same run. Method: the app on loopback with Azurite (the tests' fixture); one meeting
/// with 12 cases submitted through POST /api/cases (background texts of 1–3 pages; two with a 5-page PDF attachment).
/// A = GET /api/meetings/{id}/packet after the stored packet is removed, so the app reads the agenda and the cases,
/// makes the HTML, prints, merges the attachments, stores the packet and answers it (a first request after a change).
/// B = the HTML the app prints for that packet, printed by the same app's renderer (PdfRenderer.RenderHere: the same
/// warm page pool, no templates, no merge, no storage). Each round runs both, A first on odd rounds and B first on even
/// ones; 5 warm-up rounds, then 20 measured. Memory: the PSS of the Chromium processes this process started (the
/// fixture's Azurite, also a child, is left out), sampled every 50 ms during the measured rounds and once after them.
/// </summary>
public static class PacketBenchmark
{
    private const int WarmUps = 5;
    private const int Rounds = 20;

    public static async Task Run()
    {
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        string? packetHtml = null;
        try
        {
            var meetingDate = Common.Oslo.DateOf(AppFixture.Start).AddDays(60);
            var body = await CycleTestBody.Create(fixture, meetingDate);
            var attachment = (await fixture.Service<DocumentRenderer>().Render(DocumentTemplates.CasePaper, Model(string.Join("\n\n", Enumerable.Repeat(Paragraph, 40))), Info())).Pdf;
            var launched = ChromiumPss(); // Chromium launched, one 5-page document printed
            for (var i = 0; i < 12; i++)
            {
                var background = string.Join("\n\n", Enumerable.Repeat(Paragraph, (i % 3) switch { 0 => 2, 1 => 12, _ => 22 }));
                var submission = Submissions.Valid($"Sak {i + 1} om samhandling på Helgeland");
                submission["body"] = body.Body.Code;
                submission["background"] = background;
                var files = i is 3 or 7 ? new[] { ("utredning.pdf", attachment) } : [];
                (await fixture.Http.PostAsync("/api/cases", Submissions.AsMultipart(submission, files))).EnsureSuccessStatusCode();
            }

            var meetingId = body.Meeting.Id.Value;
            var papers = fixture.Service<MeetingPapers>();
            var renderer = fixture.Service<PdfRenderer>();
            var documents = await fixture.Storage.Container(DocumentStore.Container);
            var (html, header) = (await papers.PacketHtml(MeetingId.Parse(meetingId)))!.Value;
            packetHtml = html;
            var prefix = DocumentStore.MeetingFolder(fixture.Service<Microsoft.Extensions.Options.IOptions<Common.CommunityOptions>>().Value.Name, body.Body, body.Meeting) + "/sakspapirer";

            async Task<(double Ms, int Bytes)> ThroughTheApp()
            {
                await foreach (var blob in documents.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
                {
                    await documents.DeleteBlobAsync(blob.Name);
                }

                var watch = Stopwatch.StartNew();
                using var response = await fixture.Http.SendAsync(fixture.AsSecretariat(HttpMethod.Get, $"/api/meetings/{meetingId}/packet"));
                var bytes = await response.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
                return (watch.Elapsed.TotalMilliseconds, bytes.Length);
            }

            async Task<double> ChromiumAlone()
            {
                var watch = Stopwatch.StartNew();
                await renderer.RenderHere(html, new PageFrame(header, NumberPages: false));
                return watch.Elapsed.TotalMilliseconds;
            }

            var app = new List<double>();
            var alone = new List<double>();
            var size = 0;
            PeakSampler? memory = null;
            for (var round = 1; round <= WarmUps + Rounds; round++)
            {
                if (round == WarmUps + 1)
                {
                    memory = new PeakSampler(() => (ChromiumPss(), 0));
                }

                double a, b;
                if (round % 2 == 1)
                {
                    (a, size) = await ThroughTheApp();
                    b = await ChromiumAlone();
                }
                else
                {
                    b = await ChromiumAlone();
                    (a, size) = await ThroughTheApp();
                }

                if (round > WarmUps)
                {
                    app.Add(a);
                    alone.Add(b);
                }
            }

            var (peak, _) = memory!.Stop();
            var after = ChromiumPss();
            var processes = Processes();
            static string Row(List<double> ms) => string.Create(CultureInfo.InvariantCulture, $"min {ms.Min(),6:0}   median {Median(ms),6:0}   max {ms.Max(),6:0} ms");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Packet through the app: summons + 12 case papers (1–3 pages) + two 5-page PDF attachments, {size / 1024} KB, {Environment.ProcessorCount} cores
                Method: {WarmUps} warm-up rounds, then {Rounds}; each round both, alternating which goes first; same process, same Chromium.
                  A  GET /api/meetings/ID/packet (stored packet removed first):      {Row(app)}
                  B  Chromium alone, the same HTML, the app's warm page pool:        {Row(alone)}
                  A/B median {Median(app) / Median(alone):0.00}×  (issue 26 target ≤ 1.5×; per round: min {app.Zip(alone, (x, y) => x / y).Min():0.00}×, max {app.Zip(alone, (x, y) => x / y).Max():0.00}×)
                Chromium's memory (PSS of its processes, PuppeteerSharp, no driver): peak during the rounds {peak / 1048576.0:0} MB, after {Rounds + WarmUps} packets {after / 1048576.0:0} MB
                  (issue 26 target: at most PuppeteerSharp's measured 278 MB plus what the packets need)
                  the same Chromium after launch and one 5-page document, before the packets: {launched / 1048576.0:0} MB
                  after the packets, by process: {processes}
                """));
        }
        finally
        {
            await fixture.DisposeAsync();
        }

        if (packetHtml is not null)
        {
            var bare = await Bare(packetHtml, Rounds + WarmUps);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                  PuppeteerSharp alone (the baseline of the target), after the app's Chromium has closed: Debian's Chromium with
                  --no-sandbox only, its first tab, the same packet HTML printed {Rounds + WarmUps} times: {bare / 1048576.0:0} MB
                """));
        }
    }

    /// <summary>PSS of a Chromium launched by PuppeteerSharp with nothing of the app's (no pool, no contexts, default page) after printing <paramref name="html"/> <paramref name="times"/> times.</summary>
    private static async Task<long> Bare(string html, int times)
    {
        await using var browser = await PuppeteerSharp.Puppeteer.LaunchAsync(new PuppeteerSharp.LaunchOptions { ExecutablePath = new DocumentOptions().ChromiumPath, Headless = true, Pipe = true, Args = ["--no-sandbox"] });
        var page = (await browser.PagesAsync()).First();
        for (var i = 0; i < times; i++)
        {
            await page.SetContentAsync(html);
            await page.PdfDataAsync(new PuppeteerSharp.PdfOptions { Format = PuppeteerSharp.Media.PaperFormat.A4, PrintBackground = true, Tagged = true, Outline = true });
        }

        return ChromiumPss();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Each Chromium process's kind (its --type, "browser" for the main one) and PSS in MB.</summary>
    private static string Processes() => string.Join(", ", PdfBenchmark.Descendants().Where(IsChromium)
        .Select(pid => (Kind: System.Text.RegularExpressions.Regex.Match(Tests.Infrastructure.Processes.CommandLine(pid), "--type=([a-z-]+)") is { Success: true } m ? m.Groups[1].Value : "browser", Mb: PdfBenchmark.Pss(pid) / 1048576.0))
        .OrderByDescending(p => p.Mb).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Kind} {p.Mb:0}")));

    /// <summary>The PSS of the Chromium processes this process started (not the fixture's Azurite).</summary>
    private static long ChromiumPss() => PdfBenchmark.Descendants().Where(IsChromium).Sum(PdfBenchmark.Pss);

    private static bool IsChromium(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains("chromium", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private const string Paragraph = "Helsefellesskapet skal sikre sammenhengende tjenester for pasienter som trenger både kommunale tjenester og spesialisthelsetjenester. Rutinen beskriver ansvar, varsling og overføring av informasjon ved innleggelse og utskrivning, og gjelder for alle de 17 kommunene og sykehusets tre lokasjoner.";

    private static CasePaperModel Model(string background) => new(new BodyView("Strategisk samarbeidsutvalg", "SSU"), new MeetingView("torsdag 11. februar 2027", "11.02.2027", "10:00", "14:00", "Mosjøen", null),
        new CaseView("1/27", "Vedlegg", "Rana kommune", "Orienteringssak", "Sammendrag.", background, "Vurdering.", ["Saken tas til orientering."], null), []);

    private static DocumentInfo Info() => new("Vedlegg", "Helsefellesskap Helgeland", "Benchmark", "Vedlegg");
}
