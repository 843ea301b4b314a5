using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Helsefellesskap.Functions.Archive;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Archive;

/// <summary>
/// A meeting walked from plan to approved minutes, then the year's archive export as a records office gets
/// it: every document present as PDF/A-2, the Noark 5 structure pointing at each with the right SHA-256,
/// the checksum list right, and the exempt case marked with its legal basis.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class ArchiveExportTests
{
    private static readonly XNamespace N = NoarkStructure.Namespace;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    [Fact]
    public async Task TheYearsExport_HoldsEveryApprovedDocumentAsPdfA_DescribedAfterNoark5_WithRightChecksums_AndTheExemptCaseMarked()
    {
        await using var instance = await FreshInstance.Start();
        var http = instance.Http;
        async Task Clock(DateTimeOffset now) => (await http.PostAsJsonAsync("/api/dev/clock", new { now })).EnsureSuccessStatusCode();

        var date = new DateOnly(2027, 10, 14);
        var t = await CycleTestBody.Adopted(instance.Services, http, date);
        var docx = TestFiles.Docx();
        var plain = await t.SubmitCase(http, "Felles rutine for utskrivning", ("rutine.pdf", TestFiles.Pdf("Rutinen for utskrivning")), ("notat.docx", docx));
        var exempt = Submissions.Valid("Avtale om forløp for en navngitt pasient");
        exempt["body"] = t.Body.Code;
        exempt["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["reason"] = "Taushetsplikt", ["title"] = true };
        using var submitted = await http.PostAsync("/api/cases", Submissions.AsJson(exempt));
        submitted.EnsureSuccessStatusCode();
        var exemptId = JsonDocument.Parse(await submitted.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        await Clock(Functions.Common.Oslo.At(date.AddDays(-7), new TimeOnly(8, 0)));
        await Clock(Functions.Common.Oslo.At(date, new TimeOnly(15, 0)));
        var present = t.Members.Where(m => m.Role == Functions.Meetings.MemberRole.Member).Select(m => m.Id);
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome",
            new { present, items = new[] { new { @case = plain }, new { @case = exemptId } } }))).StatusCode);
        using (var upload = AppFixture.Secretariat(HttpMethod.Post, $"/api/meetings/{t.Meeting.Id}/minutes/files"))
        {
            // A presentation given at the meeting, added to the minutes afterwards.
            upload.Content = new MultipartFormDataContent { { new StringContent(plain), "case" }, { new ByteArrayContent(TestFiles.Pdf("Presentasjon av rutinen")), "attachments", "Presentasjon.pdf" } };
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(upload)).StatusCode);
        }

        await Clock(Functions.Common.Oslo.At(date.AddDays(7), new TimeOnly(0, 30)));

        using var response = await http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, $"/api/bodies/{t.Body.Code}/archive/2027"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        var files = Unzip(await response.Content.ReadAsByteArrayAsync());

        // Every document of the meeting, the structure and the checksum list.
        var folder = $"dokumenter/{t.Meeting.Id}";
        Assert.Equal(new[]
            {
                $"{folder}/etterlevelse.pdf", $"{folder}/innkalling.pdf", $"{folder}/referat.pdf", $"{folder}/referat-vedlegg-1.pdf",
                $"{folder}/sak-02.pdf", $"{folder}/sak-02-vedlegg-1.pdf", $"{folder}/sak-02-vedlegg-2.docx",
                $"{folder}/sak-03.pdf", ArchiveExport.Structure, ArchiveExport.Checksums,
            }.Order(), files.Keys.Order());
        Assert.Equal(docx, files[$"{folder}/sak-02-vedlegg-2.docx"]); // an office file as it came

        // The checksum list: one line per other file, each right.
        var sums = System.Text.Encoding.UTF8.GetString(files[ArchiveExport.Checksums]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ", 2)).ToDictionary(p => p[1], p => p[0]);
        Assert.Equal(files.Keys.Where(k => k != ArchiveExport.Checksums).Order(), sums.Keys.Order());
        Assert.All(sums, s => Assert.Equal(ArchiveExport.Sha256(files[s.Key]), s.Value));

        // Every PDF carries the PDF/A-2 markers, and every font is embedded (poppler's pdffonts says so too).
        foreach (var (path, pdf) in files.Where(f => f.Key.EndsWith(".pdf", StringComparison.Ordinal)))
        {
            Assert.True(PdfAMarkers.Problems(pdf) is [], $"{path}: {string.Join(", ", PdfAMarkers.Problems(pdf))}");
            var fonts = (await Poppler.Fonts(pdf)).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
            Assert.NotEmpty(fonts);
            Assert.All(fonts, row => Assert.Contains(" yes ", row[(row.Length / 2)..])); // the "emb" column
        }

        // The structure validates against the Noark 5 v5.0 schema, as a records office checks it before reading it.
        Assert.Equal("", await Xmllint.Problems(files[ArchiveExport.Structure], Xmllint.Noark5Schema));

        // Every archived PDF names itself as the structure names it, in its document info and its XMP, in Norwegian.
        foreach (var description in XDocument.Parse(System.Text.Encoding.UTF8.GetString(files[ArchiveExport.Structure])).Descendants(N + "dokumentbeskrivelse")
            .Where(d => (string?)d.Element(N + "dokumentobjekt")!.Element(N + "format") == "PDF/A-2b"))
        {
            var pdf = files[(string)description.Element(N + "dokumentobjekt")!.Element(N + "referanseDokumentfil")!];
            var title = (string)description.Element(N + "tittel")!;
            Assert.Equal((title, "Helsefellesskap Helgeland – sekretariatet"), (Poppler.Field(await Poppler.Info(pdf), "Title"), Poppler.Field(await Poppler.Info(pdf), "Author")));
            Assert.Contains($">{System.Security.SecurityElement.Escape(title)}</rdf:li>", await Poppler.Metadata(pdf), StringComparison.Ordinal);
        }

        // The structure: one moetemappe, one moeteregistrering per document, each document object pointing at its file with its checksum.
        var xml = XDocument.Parse(System.Text.Encoding.UTF8.GetString(files[ArchiveExport.Structure]));
        var meeting = Assert.Single(xml.Descendants(N + "mappe"));
        Assert.Equal("moetemappe", (string?)meeting.Attribute(Xsi + "type"));
        Assert.Equal(("1/2027", "Testutvalg", t.Meeting.Id.Value), ((string?)meeting.Element(N + "moetenummer"), (string?)meeting.Element(N + "utvalg"), (string?)meeting.Element(N + "mappeID")));
        Assert.Equal(present.Count(), meeting.Elements(N + "moetedeltaker").Count());
        var records = meeting.Elements(N + "registrering").ToList();
        Assert.Equal(5, records.Count);
        Assert.All(records, r => Assert.Equal("moeteregistrering", (string?)r.Attribute(Xsi + "type")));
        foreach (var o in xml.Descendants(N + "dokumentobjekt"))
        {
            var file = (string)o.Element(N + "referanseDokumentfil")!;
            Assert.Equal(ArchiveExport.Sha256(files[file]), (string?)o.Element(N + "sjekksum"));
            var (format, variant) = file.EndsWith(".docx", StringComparison.Ordinal) ? ("DOCX", "Produksjonsformat") : ("PDF/A-2b", "Arkivformat");
            Assert.Equal(("SHA-256", format, variant, files[file].Length.ToString()),
                ((string?)o.Element(N + "sjekksumAlgoritme"), (string?)o.Element(N + "format"), (string?)o.Element(N + "variantformat"), (string?)o.Element(N + "filstoerrelse")));
        }

        // The plain case: its paper and its two attachments, one registration.
        var plainRecord = records.Single(r => (string?)r.Element(N + "registreringsID") == "2/27");
        Assert.Equal([("Hoveddokument", "1"), ("Vedlegg", "2"), ("Vedlegg", "3")],
            plainRecord.Elements(N + "dokumentbeskrivelse").Select(d => ((string)d.Element(N + "tilknyttetRegistreringSom")!, (string)d.Element(N + "dokumentnummer")!)));
        Assert.Equal("Vedlegg 1: rutine.pdf", (string?)plainRecord.Elements(N + "dokumentbeskrivelse").ElementAt(1).Element(N + "tittel"));
        var minutesRecord = records.Single(r => (string?)r.Element(N + "moeteregistreringstype") == "Møtebok");
        Assert.Equal(["Referat – TU 14.10.2027", "Vedlegg 1: Presentasjon.pdf"], minutesRecord.Elements(N + "dokumentbeskrivelse").Select(d => (string)d.Element(N + "tittel")!));

        // The exempt case: its real title, the public one, and the exemption with its legal basis; the other case has none.
        var exemptRecord = records.Single(r => ((string?)r.Element(N + "tittel"))!.Contains("navngitt pasient", StringComparison.Ordinal));
        Assert.Equal("Unntatt offentlighet, offl. § 13", (string?)exemptRecord.Element(N + "offentligTittel"));
        var skjerming = exemptRecord.Element(N + "skjerming")!;
        Assert.Equal(("13", "offl. § 13", NoarkStructure.TitleOfRegistration, "Hele"), ((string?)skjerming.Element(N + "tilgangsrestriksjon"), (string?)skjerming.Element(N + "skjermingshjemmel"),
            (string?)skjerming.Element(N + "skjermingMetadata"), (string?)skjerming.Element(N + "skjermingDokument")));
        Assert.Equal("2027-10-14", (string?)meeting.Element(N + "moetedato"));

        // The body's one meeting of the year is published, so the year is a closed period, ending at the publication.
        var publishedAt = (await instance.Services.GetRequiredService<Functions.Minutes.MinutesStore>().Get(t.Meeting.Id)).PublishedAt;
        Assert.NotNull(publishedAt);
        var part = xml.Root!.Element(N + "arkivdel")!;
        Assert.Equal(("Avsluttet periode", publishedAt.Value.AddTicks(-(publishedAt.Value.Ticks % TimeSpan.TicksPerSecond))), ((string?)part.Element(N + "arkivdelstatus"), DateTimeOffset.Parse((string)part.Element(N + "avsluttetDato")!)));
        Assert.Single(records, r => r.Element(N + "skjerming") is not null);
        Assert.Equal(["Møteinnkalling", "Saksframlegg", "Saksframlegg", "Møtebok", "Vedlegg til møtebok"], records.Select(r => (string)r.Element(N + "moeteregistreringstype")!));

        // An app without Ghostscript (the function app in Azure) has its renderer convert: the same package.
        var remote = await FreshInstance.StartOn(instance.Storage.ConnectionString, s =>
        {
            s["Documents:RendererUrl"] = instance.Http.BaseAddress!.ToString().TrimEnd('/'); // the first instance plays the renderer
            s["Documents:RendererKey"] = AppFixture.RendererKey;
            s["Archive:Ghostscript"] = "/ingen/ghostscript";
        });
        try
        {
            using var remoteHttp = new HttpClient { BaseAddress = new Uri(remote.Urls.First()) };
            using var remoteResponse = await remoteHttp.SendAsync(AppFixture.Secretariat(HttpMethod.Get, $"/api/bodies/{t.Body.Code}/archive/2027"));
            Assert.Equal(HttpStatusCode.OK, remoteResponse.StatusCode);
            var remoteFiles = Unzip(await remoteResponse.Content.ReadAsByteArrayAsync());
            Assert.Equal(files.Keys.Order(), remoteFiles.Keys.Order());
            Assert.Empty(PdfAMarkers.Problems(remoteFiles[$"{folder}/referat.pdf"]));
        }
        finally
        {
            await remote.StopAsync();
            await remote.DisposeAsync();
        }
    }

    private static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            e.Open().CopyTo(content);
            return content.ToArray();
        });
    }
}
