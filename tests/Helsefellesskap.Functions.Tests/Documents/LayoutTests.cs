using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>
/// The page around documents is a template, and it gives the very HTML the app built in C# before:
/// a stored document's source hash is taken over this HTML, so a different byte would store every
/// document again as a new version.
/// </summary>
public sealed class LayoutTests
{
    private static readonly DocumentTemplates Templates = new(Options.Create(new DocumentOptions { TemplatesPath = Path.Combine(RepoPaths.Root, "templates") }));

    [Fact]
    public async Task Page_PutsEachDocumentInItsOwnSection_ExactlyAsBefore()
    {
        var html = await Templates.Page(["<h1>A</h1>", "<h1>B</h1>"], "Tittel", "Forfatter", "Emne", draft: false);
        Assert.Contains("<main>\n<section class=\"part\"><h1>A</h1></section><section class=\"part\"><h1>B</h1></section>\n</main>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintFrame_EncodesTheHeader_AndCountsPages()
    {
        var (header, footer) = await Templates.PrintFrame("UTKAST · SSU <møte>");
        Assert.Contains("UTKAST · SSU &lt;møte&gt;", header, StringComparison.Ordinal);
        Assert.Contains("Side <span class=\"pageNumber\"></span> av <span class=\"totalPages\"></span>", footer, StringComparison.Ordinal);
    }
}
