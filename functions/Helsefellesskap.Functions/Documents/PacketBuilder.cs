using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Graphics.Operations.SpecialGraphicsState;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Writer;

namespace Helsefellesskap.Functions.Documents;

/// <summary>A file to put into the packet after its part: a PDF (its pages) or a PNG/JPEG (a page of its own), stamped on every page.</summary>
/// <param name="Stamp">"Vedlegg 1 til sak 2/27", at the top of each of its pages.</param>
public sealed record PacketAttachment(string Bookmark, string Stamp, string ContentType, byte[] Content);

/// <summary>A part of a packet: its bookmark, and the attachments that follow its pages.</summary>
public sealed record PacketPart(string Bookmark, IReadOnlyList<PacketAttachment> Attachments);

/// <summary>
/// Puts the meeting packet together from the documents printed as one PDF (summons, then each case
/// paper): each part's attachments are inserted after its pages (a PDF's pages copied as they are, an
/// image on a page of its own), each attached page stamped with its attachment and case number, every
/// page numbered "Side X av Y" across the whole packet, and each part and attachment bookmarked. Where a
/// part starts is read from Chromium's outline, which has one top-level entry per part (each template has
/// exactly one level-1 heading). See docs/adr/0011-packet-pages-and-structure.md for what is kept.
/// </summary>
public static partial class PacketBuilder
{
    private const double StampSize = 8;

    public static byte[] Merge(byte[] printed, IReadOnlyList<PacketPart> parts, DocumentInfo info)
    {
        // Attachments were checked when they came in, so they are copied straight away; only when a copy
        // fails is the packet made again with each attachment tried first (CanCopy), the unreadable ones
        // left out with a notice.
        try
        {
            return Compose(printed, parts, info, tryFirst: false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Compose(printed, parts, info, tryFirst: true);
        }
    }

    private static byte[] Compose(byte[] printed, IReadOnlyList<PacketPart> parts, DocumentInfo info, bool tryFirst)
    {
        using var source = PdfDocument.Open(printed);
        var starts = PartStarts(source, parts.Count);
        var sizes = PageBoxes.Of(source);
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        // A copied page's builder does not know its size: a printed page's is read from the page tree, an attached page's from the page as read for its text.
        var pages = new List<(PdfPageBuilder Page, PdfRectangle Size, string? Stamp)>();
        var roots = new List<BookmarkNode>();
        var printedToMerged = new List<int>();
        var figures = new List<FigurePage>();
        for (var i = 0; i < parts.Count; i++)
        {
            var first = pages.Count + 1;
            var last = i + 1 < parts.Count ? starts[i + 1] - 1 : source.NumberOfPages;
            for (var page = starts[i]; page <= last; page++)
            {
                pages.Add((builder.AddPage(source, page), sizes[page - 1], null));
                printedToMerged.Add(pages.Count);
            }

            var children = new List<BookmarkNode>();
            foreach (var attachment in parts[i].Attachments)
            {
                children.Add(Node(attachment.Bookmark, 1, pages.Count + 1, []));
                if (attachment.ContentType is "image/png" or "image/jpeg")
                {
                    var image = Image(builder, attachment);
                    pages.Add((image, image.PageSize, attachment.Stamp));
                    figures.Add(Figure(image, pages.Count, $"{attachment.Stamp}: {attachment.Bookmark}. Bilde."));
                }
                else if (!tryFirst || CanCopy(attachment.Content))
                {
                    using var document = PdfDocument.Open(attachment.Content);
                    if (document.NumberOfPages == 0)
                    {
                        throw new InvalidDataException($"{attachment.Bookmark} has no pages.");
                    }

                    for (var page = 1; page <= document.NumberOfPages; page++)
                    {
                        var attached = builder.AddPage(document, page);
                        var read = document.GetPage(page);
                        pages.Add((attached, Box(read), attachment.Stamp));
                        figures.Add(Figure(attached, pages.Count, $"{attachment.Stamp}, side {page} av {document.NumberOfPages}: {attachment.Bookmark}. {Shorten(read.Text)}"));
                    }
                }
                else
                {
                    // One attachment that cannot be read must not stop the packet (and with it the summons).
                    children[^1] = Node($"{attachment.Bookmark} (kunne ikke settes inn)", 1, pages.Count + 1, []);
                    var why = $"{attachment.Bookmark} kunne ikke settes inn i sakspapirene, fordi filen ikke kan leses som PDF. Be sekretariatet om vedlegget.";
                    var notice = Notice(builder, font, why);
                    pages.Add((notice, notice.PageSize, attachment.Stamp));
                    figures.Add(Figure(notice, pages.Count, why));
                }
            }

            roots.Add(Node(parts[i].Bookmark, 0, first, children));
        }

        for (var n = 0; n < pages.Count; n++)
        {
            Stamp(pages[n].Page, pages[n].Size, font, pages[n].Stamp, $"Side {n + 1} av {pages.Count}");
        }

        builder.Bookmarks = new Bookmarks(roots);
        builder.DocumentInformation.Title = info.Title;
        builder.DocumentInformation.Author = info.Author;
        builder.DocumentInformation.Subject = info.Subject;
        builder.DocumentInformation.Creator = "Helsefellesskap sekretariat";
        var built = builder.Build();
        try
        {
            return PacketStructure.Rebuild(built, printed, printedToMerged, figures, "nb");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A structure the rebuild does not know must not stop the packet (and with it the summons):
            // the packet goes untagged, in Norwegian, as before the rebuild existed.
            return PdfInfo.SetLanguage(built, "nb");
        }
    }

    /// <summary>
    /// Whether every page of a PDF can be copied, tried the way the packet copies them. Intake refuses a
    /// file that fails this; the packet leaves one out with a notice page.
    /// </summary>
    public static bool CanCopy(byte[] pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf);
            using var trial = new PdfDocumentBuilder();
            for (var page = 1; page <= document.NumberOfPages; page++)
            {
                trial.AddPage(document, page);
            }

            return document.NumberOfPages > 0 && trial.Build().Length > 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return false;
        }
    }

    /// <summary>An A4 page that says why an attachment is missing.</summary>
    private static PdfPageBuilder Notice(PdfDocumentBuilder builder, PdfDocumentBuilder.AddedFont font, string text)
    {
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 780d;
        foreach (var line in Wrap(text, 80))
        {
            page.AddText(line, 12, new PdfPoint(60, y), font);
            y -= 18;
        }

        return page;
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' '))
        {
            if (line.Length > 0 && line.Length + word.Length + 1 > width)
            {
                yield return line;
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        yield return line;
    }

    private static int[] PartStarts(PdfDocument printed, int parts)
    {
        if (!printed.TryGetBookmarks(out var outline))
        {
            throw new InvalidOperationException("The printed packet has no outline to find its parts by.");
        }

        var starts = outline.Roots.OfType<DocumentBookmarkNode>().Select(n => n.PageNumber).ToArray();
        return starts.Length == parts
            ? starts
            : throw new InvalidOperationException($"The printed packet has {starts.Length} top-level headings for {parts} parts; each template must have exactly one level-1 heading.");
    }

    private static DocumentBookmarkNode Node(string title, int level, int page, IReadOnlyList<BookmarkNode> children) =>
        new(title, level, new ExplicitDestination(page, ExplicitDestinationType.FitPage, ExplicitDestinationCoordinates.Empty), children);
}
