using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics.Operations.MarkedContent;
using UglyToad.PdfPig.Graphics.Operations.SpecialGraphicsState;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Tokens;
using UglyToad.PdfPig.Writer;

namespace Helsefellesskap.Functions.Documents;

/// <summary>The pages the packet adds or marks: an attached page stamped and marked as a figure, an image on a page of its own.</summary>
public static partial class PacketBuilder
{
    /// <summary>Marks an attached page's whole content as one figure (MCID 0), for the structure tree to point at.</summary>
    private static FigurePage Figure(PdfPageBuilder page, int number, string alt)
    {
        page.NewContentStreamBefore();
        page.CurrentStream.Operations.Add(new BeginMarkedContentWithProperties(NameToken.Create("Figure"),
            new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Create("MCID")] = new NumericToken(0) })));
        page.CurrentStream.Operations.Add(Push.Value);
        page.NewContentStreamAfter();
        page.CurrentStream.Operations.Add(Pop.Value);
        page.CurrentStream.Operations.Add(EndMarkedContent.Value);
        return new FigurePage(number, alt);
    }

    private static string Shorten(string text)
    {
        var words = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return words.Length <= 2000 ? words : words[..2000] + " …";
    }

    /// <summary>The page number at the foot of every page, and on an attached page its attachment and case at the top, each on a white ground.</summary>
    private static void Stamp(PdfPageBuilder page, PdfRectangle size, PdfDocumentBuilder.AddedFont font, string? stamp, string number)
    {
        // Marked as an artifact: page furniture, not content (the bookmarks and the figures' text say the same).
        page.NewContentStreamAfter();
        page.CurrentStream.Operations.Add(new BeginMarkedContent(NameToken.Artifact));
        void Centered(string text, double y, bool right)
        {
            var letters = page.MeasureText(text, StampSize, new PdfPoint(0, 0), font);
            var width = letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
            var x = right ? size.Right - width - 28 : size.Left + ((size.Width - width) / 2);
            page.SetTextAndFillColor(255, 255, 255);
            page.SetStrokeColor(255, 255, 255);
            page.DrawRectangle(new PdfPoint(x - 3, y - 3), width + 6, StampSize + 5, 0, fill: true);
            page.SetTextAndFillColor(51, 51, 51);
            page.AddText(text, StampSize, new PdfPoint(x, y), font);
            page.ResetColor();
        }

        Centered(number, size.Bottom + 16, right: false);
        if (stamp is not null)
        {
            Centered(stamp, size.Top - 20, right: true);
        }

        page.CurrentStream.Operations.Add(EndMarkedContent.Value);
    }

    /// <summary>The visible area of a page (its crop box, as a viewer shows it).</summary>
    private static PdfRectangle Box(UglyToad.PdfPig.Content.Page page) => page.CropBox.Bounds;

    /// <summary>A PNG or JPEG on an A4 page of its own, as large as the margins allow, never enlarged.</summary>
    private static PdfPageBuilder Image(PdfDocumentBuilder builder, PacketAttachment attachment)
    {
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var (width, height) = ImageSize.Of(attachment.Content) ?? (400, 300);
        var box = page.PageSize;
        var scale = Math.Min(1, Math.Min((box.Width - 100) / width, (box.Height - 140) / height));
        var (w, h) = (width * scale, height * scale);
        var at = new PdfRectangle(box.Left + ((box.Width - w) / 2), box.Top - 60 - h, box.Left + ((box.Width + w) / 2), box.Top - 60);
        if (attachment.ContentType == "image/png")
        {
            page.AddPng(attachment.Content, at);
        }
        else
        {
            page.AddJpeg(attachment.Content, at);
        }

        return page;
    }
}
