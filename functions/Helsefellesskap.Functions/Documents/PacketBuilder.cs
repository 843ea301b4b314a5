using UglyToad.PdfPig;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Outline.Destinations;
using UglyToad.PdfPig.Writer;

namespace Helsefellesskap.Functions.Documents;

/// <summary>A part of a meeting packet, with its bookmark and the parts under it.</summary>
public sealed record PacketPart(string Bookmark, byte[] Pdf, IReadOnlyList<PacketPart> Children);

/// <summary>
/// Puts the meeting packet together: the summons, then each case paper followed by its PDF
/// attachments, with a bookmark per part. Pages are copied as they are (PdfPig).
/// </summary>
public static class PacketBuilder
{
    public static byte[] Merge(IReadOnlyList<PacketPart> parts, DocumentInfo info)
    {
        using var builder = new PdfDocumentBuilder();
        var pageCount = 0;
        BookmarkNode Add(PacketPart part, int level)
        {
            var first = pageCount + 1;
            using (var document = PdfDocument.Open(part.Pdf))
            {
                for (var page = 1; page <= document.NumberOfPages; page++)
                {
                    builder.AddPage(document, page);
                    pageCount++;
                }
            }

            var children = part.Children.Select(c => Add(c, level + 1)).ToList();
            return new DocumentBookmarkNode(part.Bookmark, level, new ExplicitDestination(first, ExplicitDestinationType.FitPage, ExplicitDestinationCoordinates.Empty), children);
        }

        var roots = parts.Select(p => Add(p, 0)).ToList();
        builder.Bookmarks = new Bookmarks(roots);
        builder.DocumentInformation.Title = info.Title;
        builder.DocumentInformation.Author = info.Author;
        builder.DocumentInformation.Subject = info.Subject;
        builder.DocumentInformation.Creator = "Helsefellesskap sekretariat";
        return builder.Build();
    }
}
