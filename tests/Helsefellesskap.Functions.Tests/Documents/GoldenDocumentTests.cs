using System.Text.Json;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>
/// Each template beside its input data and the text the PDF must contain (pdftotext), in
/// Documents/Golden/. A template change shows up as a readable diff: the actual text is written next
/// to the expected one as *.actual.txt when they differ.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class GoldenDocumentTests(AppFixture app)
{
    private static string Folder => Path.Combine(RepoPaths.Root, "tests", "Helsefellesskap.Functions.Tests", "Documents", "Golden");

    public static TheoryData<string> Templates => new() { "case-paper", "summons", "minutes", "compliance", "annual-report" };

    private static (string Template, object Model, DocumentInfo Info) Load(string name)
    {
        var json = File.ReadAllText(Path.Combine(Folder, $"{name}.json"));
        var info = new DocumentInfo($"Golden {name}", "Helsefellesskap Helgeland", name, "Strategisk samarbeidsutvalg · 11.02.2027");
        return name switch
        {
            "case-paper" => (DocumentTemplates.CasePaper, Json.Read<CasePaperModel>(json), info),
            "summons" => (DocumentTemplates.Summons, Json.Read<SummonsModel>(json), info),
            "minutes" => (DocumentTemplates.Minutes, Json.Read<MinutesModel>(json), info with { Draft = true }),
            "compliance" => (DocumentTemplates.Compliance, Json.Read<Functions.Compliance.ComplianceDocumentModel>(json), info),
            "annual-report" => (DocumentTemplates.AnnualReport, Json.Read<Functions.Reports.AnnualReportModel>(json), info),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    [Fact]
    public async Task TheMinutes_LinkTheFilesAddedAfterTheMeeting()
    {
        var (template, model, info) = Load("minutes");
        var rendered = await app.Service<DocumentRenderer>().Render(template, model, info);

        using var document = UglyToad.PdfPig.PdfDocument.Open(rendered.Pdf);
        Assert.Contains("https://example.org/vedlegg/presentasjon.pdf", document.GetPages().SelectMany(p => p.GetHyperlinks()).Select(l => l.Uri));
    }

    [Fact]
    public async Task TheAnnualReport_LinksEachMeetingsPublishedMinutes()
    {
        var (template, model, info) = Load("annual-report");
        var rendered = await app.Service<DocumentRenderer>().Render(template, model, info);

        using var document = UglyToad.PdfPig.PdfDocument.Open(rendered.Pdf);
        Assert.Contains("https://example.org/public/ssu/2027/referat.pdf", document.GetPages().SelectMany(p => p.GetHyperlinks()).Select(l => l.Uri));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Template_RendersTheExpectedText(string name)
    {
        var (template, model, info) = Load(name);
        var rendered = await app.Service<DocumentRenderer>().Render(template, model, info);
        var actual = await GoldenFiles.PdfText(rendered.Pdf);
        var expectedPath = Path.Combine(Folder, $"{name}.expected.txt");
        var actualPath = Path.Combine(Folder, $"{name}.actual.txt");
        Assert.True(await GoldenFiles.Matches(Path.Combine(Folder, name), "txt", actual), $"The text of {name} differs from {expectedPath}; see {actualPath} (diff the two; copy it over if the change is intended).");
    }
}
