using System.Diagnostics;
using System.Globalization;
using Helsefellesskap.Functions.Documents;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Renders a realistic meeting packet (summons + 12 case papers of 1–3 pages + two 5-page PDF attachments).
/// Method: warm figures after <see cref="WarmUps"/> packets (tiered JIT settled), then p50/p95 of
/// <see cref="WarmRuns"/>; in the same run, Chromium alone printing the same combined HTML through the same
/// warm page (what the app adds: templates, Markdown, merging); like for like, the same combined HTML printed
/// by one `chromium --print-to-pdf` process and by one WeasyPrint process; and, labelled as naive, the 14
/// documents each printed by its own process. Memory: this process and the Chromium processes it started
/// (its descendants), as proportional set size, sampled every 50 ms.
/// </summary>
public static class PdfBenchmark
{
    private const int WarmUps = 20;
    private const int WarmRuns = 30;

    public static async Task Run()
    {
        var (renderer, pdf) = Create();
        await using var _ = pdf;
        var documents = Documents();
        var attachments = new[] { await Attachment(renderer, "A"), await Attachment(renderer, "B") };
        for (var i = 0; i < WarmUps; i++)
        {
            await Packet(renderer, documents, attachments);
        }

        var memory = new PeakSampler(() => (Pss(Environment.ProcessId), Descendants().Sum(Pss)));
        var packetTimes = new List<double>();
        var steps = new List<Steps>();
        for (var run = 0; run < WarmRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            await Packet(renderer, documents, attachments, steps);
            packetTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        var caseTimes = new List<double>();
        foreach (var (template, model, info) in documents.Skip(1).Concat(documents.Skip(1)))
        {
            var watch = Stopwatch.StartNew();
            await renderer.Render(template, model, info);
            caseTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        // The same 24 papers started at once: whether a meeting's public case papers would be printed sooner side by
        // side (the renderer prints on as many pages at a time as it keeps open, DocumentOptions.Pages, 2) than one
        // after another, as publication prints them.
        var together = Stopwatch.StartNew();
        await Task.WhenAll(documents.Skip(1).Concat(documents.Skip(1)).Select(d => renderer.Render(d.Item1, d.Item2, d.Item3)));
        var togetherMs = together.Elapsed.TotalMilliseconds;

        // The same combined HTML the packet prints, through the same warm page: Chromium's share.
        var combined = await CombinedHtml(renderer, documents);
        var aloneTimes = new List<double>();
        for (var run = 0; run < WarmRuns; run++)
        {
            var watch = Stopwatch.StartNew();
            await pdf.RenderHere(combined, new PageFrame(documents[0].Item3.Header, NumberPages: false));
            aloneTimes.Add(watch.Elapsed.TotalMilliseconds);
        }

        var (peakApp, peakChromium) = memory.Stop();
        var peak = (App: peakApp, Chromium: peakChromium);
        var htmls = new List<string>();
        foreach (var (template, model, info) in documents)
        {
            htmls.Add(await renderer.Html(template, model, info));
        }

        var cold = ColdProcess();
        var cliOne = ChromiumCli([combined]);
        var weasyOne = WeasyPrint([combined]);
        var cliEach = ChromiumCli(htmls);
        var weasyEach = WeasyPrint(htmls);
        var p50 = Percentile(packetTimes, 0.5);
        var alone = Percentile(aloneTimes, 0.5);
        static string Weasy(double? ms, double p50) => ms is null ? "not installed" : string.Create(CultureInfo.InvariantCulture, $"{ms,8:0} ms   {ms / p50,5:0.0}× the app's warm packet");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            Meeting packet: summons + 12 case papers (1–3 pages) + two 5-page PDF attachments, {Environment.ProcessorCount} cores
              warm packet after {WarmUps} warm-ups, {WarmRuns} runs:      p50 {p50,6:0} ms   p95 {Percentile(packetTimes, 0.95),6:0} ms   (target < 1500 ms)
                of which HTML (Liquid, Markdown) p50 {Percentile([.. steps.Select(s => s.Html)], 0.5):0} ms, print p50 {Percentile([.. steps.Select(s => s.Print)], 0.5):0} ms, merge p50 {Percentile([.. steps.Select(s => s.Merge)], 0.5):0} ms
              Chromium alone, same combined HTML, same warm page:    p50 {alone,6:0} ms   p95 {Percentile(aloneTimes, 0.95),6:0} ms   app/Chromium {p50 / alone:0.00}× (target ≤ 1.5×)
              warm case paper, {caseTimes.Count} prints:                       p50 {Percentile(caseTimes, 0.5),6:0} ms   p95 {Percentile(caseTimes, 0.95),6:0} ms   (target < 120 ms)
              the same {caseTimes.Count} papers one after another (as publication prints them): {caseTimes.Sum(),6:0} ms; started at once: {togetherMs,6:0} ms
              cold packet (new process: driver, browser, pages):     {cold,8:0} ms
            Like for like, the same combined HTML in one process each:
              chromium --print-to-pdf (launch + print):              {cliOne,8:0} ms   {cliOne / p50,5:0.0}× the app's warm packet
              WeasyPrint:                                            {Weasy(weasyOne, p50)}
            Naive, one process per document (14 launches; this is not like for like):
              chromium --print-to-pdf per document:                  {cliEach,8:0} ms   {cliEach / p50,5:0.0}×
              WeasyPrint per document:                               {Weasy(weasyEach, p50)}
            Peak memory while rendering (PSS): app {peak.App / 1048576.0,6:0} MB + its Chromium {peak.Chromium / 1048576.0,6:0} MB = {(peak.App + peak.Chromium) / 1048576.0,6:0} MB (target < 1024 MB)
            """));
    }

    /// <summary>The packet's one page of all documents, as <see cref="Packet"/> prints it.</summary>
    private static async Task<string> CombinedHtml(DocumentRenderer renderer, IReadOnlyList<(string, object, DocumentInfo)> documents)
    {
        var fragments = new List<string>();
        foreach (var (template, model, _) in documents)
        {
            fragments.Add(await renderer.Fragment(template, model));
        }

        return await renderer.Page(fragments, documents[0].Item3);
    }

    /// <summary>Renders the packet once in a fresh process, for the cold figure.</summary>
    public static async Task RunOnce()
    {
        var (renderer, pdf) = Create();
        await using var _ = pdf;
        await Packet(renderer, Documents(), [await Attachment(renderer, "A"), await Attachment(renderer, "B")]);
    }

    private static (DocumentRenderer Renderer, PdfRenderer Pdf) Create()
    {
        var options = Options.Create(new DocumentOptions());
        var templates = new DocumentTemplates(options);
        var pdf = new PdfRenderer(options, templates, NullLogger<PdfRenderer>.Instance);
        return (new DocumentRenderer(templates, new MarkdownToHtml(), pdf, TimeProvider.System), pdf);
    }

    /// <summary>The packet as the app makes it (MeetingPapers.Packet): one page of all documents, one print, attachments merged in.</summary>
    private static async Task<byte[]> Packet(DocumentRenderer renderer, IReadOnlyList<(string, object, DocumentInfo)> documents, byte[][] attachments, List<Steps>? steps = null)
    {
        var watch = Stopwatch.StartNew();
        var html = await CombinedHtml(renderer, documents);
        var htmlMs = watch.Elapsed.TotalMilliseconds;
        var printed = await renderer.Print(html, documents[0].Item3, numberPages: false);
        var printMs = watch.Elapsed.TotalMilliseconds - htmlMs;
        var parts = documents.Select((_, i) => new PacketPart(i == 0 ? "Innkalling og saksliste" : $"Sak {i + 1}/27",
            i is 3 or 7 ? [new PacketAttachment("Vedlegg 1", $"Vedlegg 1 til sak {i + 1}/27", "application/pdf", attachments[i == 3 ? 0 : 1])] : [])).ToList();
        var merged = PacketBuilder.Merge(printed.Pdf, parts, documents[0].Item3);
        steps?.Add(new Steps(htmlMs, printMs, watch.Elapsed.TotalMilliseconds - htmlMs - printMs));
        return merged;
    }

    /// <summary>Where a packet's time went: its HTML, Chromium's print (with the document information appended), the merge.</summary>
    private sealed record Steps(double Html, double Print, double Merge);

    private static async Task<byte[]> Attachment(DocumentRenderer renderer, string name)
    {
        var pages = string.Join("\n\n", Enumerable.Range(1, 5).Select(p => $"# Vedlegg {name}, side {p}\n\n" + string.Join("\n\n", Enumerable.Repeat(Paragraph, 9))));
        var model = Model(1, pages, 1);
        return (await renderer.Render(DocumentTemplates.CasePaper, model, Info("Vedlegg"))).Pdf;
    }

    private const string Paragraph = "Helsefellesskapet skal sikre sammenhengende tjenester for pasienter som trenger både kommunale tjenester og spesialisthelsetjenester. Rutinen beskriver ansvar, varsling og overføring av informasjon ved innleggelse og utskrivning, og gjelder for alle de 17 kommunene og sykehusets tre lokasjoner.";

    private static List<(string, object, DocumentInfo)> Documents()
    {
        var documents = new List<(string, object, DocumentInfo)>
        {
            (DocumentTemplates.Summons, new SummonsModel(Body, Meeting,
                Enumerable.Range(1, 15).Select(i => new AgendaItemView($"{i}/27", $"Sak nummer {i} om samhandling", "Beslutningssak")).ToList(),
                new AbsenceView("sekretariat@example.org")), Info("Innkalling")),
        };
        for (var i = 0; i < 12; i++)
        {
            var pages = 1 + (i % 3);
            var background = string.Join("\n\n", Enumerable.Repeat(Paragraph, pages switch { 1 => 2, 2 => 12, _ => 22 }));
            documents.Add((DocumentTemplates.CasePaper, Model(i + 2, background, pages), Info($"Sak {i + 2}/27")));
        }

        return documents;
    }

    private static readonly BodyView Body = new("Strategisk samarbeidsutvalg", "SSU");
    private static readonly MeetingView Meeting = new("torsdag 11. februar 2027", "11.02.2027", "10:00", "14:00", "Mosjøen", null);

    private static CasePaperModel Model(int number, string background, int points) => new(Body, Meeting,
        new CaseView($"{number}/27", $"Sak {number} om samhandling på Helgeland", "Rana kommune", "Beslutningssak", "Kort sammendrag av saken.", background, "Sekretariatets vurdering.",
            Enumerable.Range(1, points + 1).Select(p => $"Vedtakspunkt {p}.").ToList(), null), []);

    private static DocumentInfo Info(string title) => new(title, "Helsefellesskap Helgeland", "Benchmark", "Strategisk samarbeidsutvalg · 11.02.2027");

    private static double ColdProcess()
    {
        // Under "dotnet X.dll" the process is the dotnet host: run the same dll again.
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(PdfBenchmark).Assembly.Location);
        }

        start.ArgumentList.Add("pdf-once");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? watch.Elapsed.TotalMilliseconds : throw new InvalidOperationException($"The cold run failed: {error}");
    }

    private static double ChromiumCli(IReadOnlyList<string> htmls) => PerDocument(htmls, (input, output) =>
    {
        var start = new ProcessStartInfo("/usr/bin/chromium") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in PdfRenderer.ChromiumArgs.Append("--headless").Append("--no-pdf-header-footer").Append($"--print-to-pdf={output}").Append($"--user-data-dir={Path.GetTempPath()}/bench-chromium").Append("file://" + input))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    });

    private static double? WeasyPrint(IReadOnlyList<string> htmls) =>
        File.Exists("/usr/bin/weasyprint")
            ? PerDocument(htmls, (input, output) => new ProcessStartInfo("/usr/bin/weasyprint", [input, output]) { RedirectStandardOutput = true, RedirectStandardError = true })
            : null;

    private static double PerDocument(IReadOnlyList<string> htmls, Func<string, string, ProcessStartInfo> command)
    {
        var folder = Directory.CreateTempSubdirectory("bench-").FullName;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < htmls.Count; i++)
        {
            var input = Path.Combine(folder, $"{i}.html");
            var output = Path.Combine(folder, $"{i}.pdf");
            File.WriteAllText(input, htmls[i]);
            using var process = Process.Start(command(input, output))!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (!File.Exists(output))
            {
                throw new InvalidOperationException($"{process.StartInfo.FileName} wrote no PDF for document {i}.");
            }
        }

        var elapsed = watch.Elapsed.TotalMilliseconds;
        Directory.Delete(folder, recursive: true);
        return elapsed;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
    }

    /// <summary>This process's descendants (the Chromium PuppeteerSharp launched and Chromium's own children; no driver process).</summary>
    internal static List<int> Descendants()
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                }
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([Environment.ProcessId]);
        while (queue.Count > 0)
        {
            var parent = queue.Dequeue();
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Proportional set size: shared pages are divided among the processes sharing them, so a sum over processes is not inflated.</summary>
    internal static long Pss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
