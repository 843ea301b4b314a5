using System.Text;
using Helsefellesskap.Functions.Archive;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Archive;

/// <summary>The PDF/A checks find what is missing, and Ghostscript's conversion gives what they look for.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PdfAMarkersTests(AppFixture app)
{
    [Fact]
    public async Task ChromiumsPdf_LacksThePdfAMarkers_AndTheConvertedOneCarriesThemAll()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.Functions.Tests", "Documents", "Golden", "compliance.json"));
        var printed = (await app.Service<DocumentRenderer>().Render(DocumentTemplates.Compliance, Json.Read<ComplianceDocumentModel>(json),
            new DocumentInfo("Etterlevelse – SSU 11.02.2027", "Helsefellesskap Helgeland", "Vedlegg", "SSU · Etterlevelse"))).Pdf;
        Assert.Equal(["no XMP pdfaid:part 2", "no GTS_PDFA1 output intent with a profile"], PdfAMarkers.Problems(printed));

        var converted = await app.Service<PdfA>().ConvertHere(printed);
        Assert.Empty(PdfAMarkers.Problems(converted));
        Assert.Contains("Anne Lian (vara for Kari", await Poppler.Text(converted)); // the text is still there
        Assert.Equal("no", Poppler.Field(await Poppler.Info(converted), "Tagged")); // and the tags are not (ADR 0014)
    }

    [Fact]
    public async Task AnArchivedPdf_KeepsItsNorwegianTitle_AuthorAndSubject_InItsInfoAndXmp_AndItsLanguage()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.Functions.Tests", "Documents", "Golden", "compliance.json"));
        var info = new DocumentInfo("Etterlevelse av fristene – SSU 11.02.2027 (Rødøy, Træna)", "Helsefellesskap Helgeland – sekretariatet", "Vedlegg til møtebok", "SSU · Etterlevelse");
        var printed = (await app.Service<DocumentRenderer>().Render(DocumentTemplates.Compliance, Json.Read<ComplianceDocumentModel>(json), info)).Pdf;

        // Ghostscript alone drops a document info holding "–" or "ø" and calls the file "Untitled".
        Assert.Contains("Untitled", await Poppler.Metadata(await app.Service<PdfA>().ConvertHere(printed)));

        var archived = await app.Service<PdfA>().Convert(printed, info with { Header = "" }, new DateTimeOffset(2027, 2, 20, 9, 0, 0, TimeSpan.Zero));
        Assert.Empty(PdfAMarkers.Problems(archived));
        var fields = await Poppler.Info(archived);
        Assert.Equal((info.Title, info.Author, info.Subject), (Poppler.Field(fields, "Title"), Poppler.Field(fields, "Author"), Poppler.Field(fields, "Subject")));
        var xmp = System.Xml.Linq.XDocument.Parse(await Poppler.Metadata(archived));
        System.Xml.Linq.XNamespace dc = "http://purl.org/dc/elements/1.1/", rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
        Assert.Equal((info.Title, info.Author, info.Subject),
            ((string?)xmp.Descendants(dc + "title").Single().Descendants(rdf + "li").Single(), (string?)xmp.Descendants(dc + "creator").Single().Descendants(rdf + "li").Single(),
                (string?)xmp.Descendants(dc + "description").Single().Descendants(rdf + "li").Single()));
        using var document = UglyToad.PdfPig.PdfDocument.Open(archived);
        Assert.Equal("nb", (document.Structure.Catalog.CatalogDictionary.Data["Lang"] as UglyToad.PdfPig.Tokens.StringToken)?.Data);
        Assert.Contains("Anne Lian (vara for Kari", await Poppler.Text(archived)); // the update touched no page
    }

    [Fact]
    public void AFontWithoutItsProgram_AndJavaScript_AreFound()
    {
        var pdf = MinimalPdf("<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>");
        Assert.Contains("font F1 not embedded", PdfAMarkers.Problems(pdf));
        Assert.Contains("JavaScript", PdfAMarkers.Problems(pdf));
    }

    [Fact]
    public void TheRestrictionCode_IsTheParagraph_AndSystemIdsAreStable()
    {
        Assert.Equal("13", NoarkStructure.Restriction("offl. § 13"));
        Assert.Equal("24", NoarkStructure.Restriction("offl. § 24 andre ledd"));
        Assert.Equal("Taushetsplikt", NoarkStructure.Restriction("Taushetsplikt"));
        Assert.Equal(NoarkStructure.Id("hf/ssu-2027-02-11"), NoarkStructure.Id("hf/ssu-2027-02-11"));
        Assert.NotEqual(NoarkStructure.Id("hf/ssu-2027-02-11"), NoarkStructure.Id("hf/ssu-2027-04-15"));
        Assert.Equal('5', NoarkStructure.Id("x")[14]); // a name-based UUID
    }

    /// <summary>One page showing text in Helvetica, a font the file does not carry.</summary>
    private static byte[] MinimalPdf(string catalog)
    {
        string[] objects =
        [
            catalog,
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length 35 >>\nstream\nBT /F1 12 Tf 20 100 Td (Hei) Tj ET\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var text = new StringBuilder("%PDF-1.7\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(text.ToString()));
            text.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(text.ToString());
        text.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            text.Append($"{offset:D10} 00000 n \n");
        }

        text.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(text.ToString());
    }
}
