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
                if (!CanCopy(pdf))
                {
                    // One attachment that cannot be read must not stop the packet (and with it the summons).
                    children.Add(Node($"{bookmark} (kunne ikke settes inn)", 1, pageCount + 1, []));
                    Notice(builder, $"{bookmark} kunne ikke settes inn i sakspapirene, fordi filen ikke kan leses som PDF. Be sekretariatet om vedlegget.");
                    pageCount++;
                    continue;
                }

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
    private static void Notice(PdfDocumentBuilder builder, string text)
    {
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var y = 780d;
        foreach (var line in Wrap(text, 80))
        {
            page.AddText(line, 12, new UglyToad.PdfPig.Core.PdfPoint(60, y), font);
            y -= 18;
        }
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
