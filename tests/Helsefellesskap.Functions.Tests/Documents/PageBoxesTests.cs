using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Helsefellesskap.Functions.Tests.Documents;

/// <summary>
/// The packet reads each printed page's size from the page tree instead of parsing the page: the size PdfPig
/// gives when it reads the whole page, and an inherited crop box as the PDF specification has it (ISO 32000-1
/// 7.7.3.4: CropBox is inheritable; PdfPig reads only the page's own).
/// </summary>
public sealed class PageBoxesTests
{
    [Fact]
    public void BoxesInheritedThroughThePageTree_AreThoseOfTheParsedPages()
    {
        var pdf = TestFiles.PdfOf(
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /MediaBox [0 0 612 792] >>",
            "<< /Type /Page /Parent 2 0 R /Contents 7 0 R >>",
            "<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 6 0 R] /Count 2 /CropBox 8 0 R >>",
            "<< /Type /Page /Parent 4 0 R /Contents 7 0 R >>",
            "<< /Type /Page /Parent 4 0 R /MediaBox [842 595 0 0] /CropBox [0 0 842 595] /Contents 7 0 R >>",
            "<< /Length 0 >>\nstream\n\nendstream",
            "[20 30 580 760]");
        using var document = PdfDocument.Open(pdf);

        var boxes = PageBoxes.Of(document);

        Assert.Equal(3, boxes.Count);
        foreach (var page in new[] { 1, 3 })
        {
            var parsed = document.GetPage(page).CropBox.Bounds;
            Assert.Equal((parsed.Left, parsed.Bottom, parsed.Right, parsed.Top), (boxes[page - 1].Left, boxes[page - 1].Bottom, boxes[page - 1].Right, boxes[page - 1].Top));
        }

        Assert.Equal((20d, 30d, 580d, 760d), (boxes[1].Left, boxes[1].Bottom, boxes[1].Right, boxes[1].Top));
        Assert.Equal(842d, boxes[2].Width);
    }
}
