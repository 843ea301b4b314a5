using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Writer;

namespace Helsefellesskap.Functions.Documents;

/// <summary>A part of a packet: its bookmark, and the PDF attachments that follow its pages.</summary>
public sealed record PacketPart(string Bookmark, IReadOnlyList<(string Bookmark, byte[] Pdf)> Attachments);

/// <summary>
/// Puts the meeting packet together from the documents printed as one PDF (summons, then each case
/// paper): each part's PDF attachments are inserted after its pages, and each part and attachment
/// gets a bookmark. Where a part starts is read from Chromium's outline, which has one top-level
/// entry per part (each template has exactly one level-1 heading). Pages are copied as they are (PdfPig).
/// </summary>
public static class PacketBuilder
{
    public static byte[] Merge(byte[] printed, IReadOnlyList<PacketPart> parts, DocumentInfo info)
    {
        using var source = PdfDocument.Open(printed);
        var starts = PartStarts(source, parts.Count);
        using var builder = new PdfDocumentBuilder();
        var pageCount = 0;
        var roots = new List<BookmarkNode>();
        for (var i = 0; i < parts.Count; i++)
        {
            var first = pageCount + 1;
            var last = i + 1 < parts.Count ? starts[i + 1] - 1 : source.NumberOfPages;
            for (var page = starts[i]; page <= last; page++)
            {
                builder.AddPage(source, page);
                pageCount++;
            }

            var children = new List<BookmarkNode>();
            foreach (var (bookmark, pdf) in parts[i].Attachments)
            {
                children.Add(Node(bookmark, 1, pageCount + 1, []));
                using var attachment = PdfDocument.Open(pdf);
                for (var page = 1; page <= attachment.NumberOfPages; page++)
                {
                    builder.AddPage(attachment, page);
                    pageCount++;
                }
            }

            roots.Add(Node(parts[i].Bookmark, 0, first, children));
        }

        builder.Bookmarks = new Bookmarks(roots);
        builder.DocumentInformation.Title = info.Title;
        builder.DocumentInformation.Author = info.Author;
        builder.DocumentInformation.Subject = info.Subject;
        builder.DocumentInformation.Creator = "Helsefellesskap sekretariat";
        return builder.Build();
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
