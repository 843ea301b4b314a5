using System.Globalization;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace Helsefellesskap.Functions.Documents;

public static partial class PdfInfo
{
    /// <summary>
    /// Describes a PDF/A-2b file: title, author and subject in a new Info dictionary and, the same, in a new XMP
    /// metadata stream (with pdfaid part 2, conformance B), and the language in the catalog, by one incremental
    /// update. Ghostscript 10.00 drops a document's Info (and writes "Untitled" into its XMP) when a title holds a
    /// letter outside ASCII ("–", "å"), so the archive sets them afterwards; PDF/A wants Info and XMP to agree.
    /// </summary>
    public static byte[] DescribeArchived(byte[] pdf, DocumentInfo info, string language, DateTimeOffset at)
    {
        var trailer = Trailer.Of(pdf);
        var (root, catalog) = CatalogOf(pdf, trailer);
        if (!catalog.StartsWith("<<", StringComparison.Ordinal))
        {
            throw new InvalidDataException("The catalog is not a dictionary.");
        }

        var (infoNumber, metadataNumber) = (trailer.Size, trailer.Size + 1);
        var kept = CatalogMetadata().Replace(catalog[2..], "");
        var lang = Regex.Replace(language, "[^A-Za-z-]", "");
        var date = $"D:{at.UtcDateTime:yyyyMMddHHmmss}Z";
        var infoObject = $"<< /Title {Text(info.Title)} /Author {Text(info.Author)} /Subject {Text(info.Subject)} /CreationDate ({date}) /ModDate ({date}) >>";
        var xmp = Encoding.UTF8.GetBytes(Xmp(info, at));
        var objects = new List<(int, string)>
        {
            (root, $"<< /Lang ({lang}) /Metadata {metadataNumber} 0 R {kept}"),
            (infoNumber, infoObject),
            (metadataNumber, $"<< /Type /Metadata /Subtype /XML /Length {xmp.Length} >>\nstream\n{Encoding.Latin1.GetString(xmp)}\nendstream"),
        };
        return AppendObjects(pdf, objects,
            $"/Size {trailer.Size + 2} /Root {trailer.Root} /Info {infoNumber} 0 R /Prev {trailer.PreviousXref}{(trailer.Id is { } id ? " " + id : "")}");
    }

    /// <summary>The XMP packet: Dublin Core's title, creator and description as the Info dictionary has them, the dates, and PDF/A-2b's identification.</summary>
    private static string Xmp(DocumentInfo info, DateTimeOffset at)
    {
        static string X(string value) => SecurityElement.Escape(value);
        var when = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return $"""
            <?xpacket begin="{'\uFEFF'}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>{X(info.Author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{X(info.Subject)}</rdf:li></rdf:Alt></dc:description>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>{when}</xmp:CreateDate>
            <xmp:ModifyDate>{when}</xmp:ModifyDate>
            <xmp:MetadataDate>{when}</xmp:MetadataDate>
            </rdf:Description>
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
            <pdfaid:part>2</pdfaid:part>
            <pdfaid:conformance>B</pdfaid:conformance>
            </rdf:Description>
            </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """;
    }

    /// <summary>The catalog's own /Metadata and /Lang entries, replaced by the update.</summary>
    [GeneratedRegex(@"/Metadata\s+\d+\s+\d+\s+R|/Lang\s*\((?:[^()\\]|\\.)*\)")]
    private static partial Regex CatalogMetadata();
}
