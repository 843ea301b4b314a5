using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Helsefellesskap.Functions.Documents;

/// <summary>
/// Sets a PDF's title, author and subject by an incremental update: a new Info dictionary and a new
/// trailer are appended, and nothing Chromium wrote is touched, so the tagged structure, the outline
/// and the embedded fonts stay exactly as they were.
/// </summary>
public static partial class PdfInfo
{
    public static byte[] Append(byte[] pdf, DocumentInfo info, DateTimeOffset created)
    {
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 4096), Math.Min(4096, pdf.Length));
        var trailerAt = tail.LastIndexOf("trailer", StringComparison.Ordinal);
        var startXref = StartXref().Match(tail, Math.Max(0, trailerAt));
        if (trailerAt < 0 || !startXref.Success)
        {
            throw new InvalidDataException("The PDF has no classic trailer to update.");
        }

        var trailer = tail[trailerAt..startXref.Index];
        var size = int.Parse(Size().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var root = Root().Match(trailer).Groups[1].Value;
        var id = Id().Match(trailer);

        var objectOffset = pdf.Length + 1;
        var date = $"D:{created.UtcDateTime:yyyyMMddHHmmss}Z";
        var infoObject = new StringBuilder()
            .Append('\n').Append(size).Append(" 0 obj\n<<")
            .Append(" /Title ").Append(Text(info.Title))
            .Append(" /Author ").Append(Text(info.Author))
            .Append(" /Subject ").Append(Text(info.Subject))
            .Append(" /Creator ").Append(Text("Helsefellesskap sekretariat"))
            .Append(" /Producer ").Append(Text("Chromium (Skia/PDF)"))
            .Append(" /CreationDate (").Append(date).Append(") /ModDate (").Append(date).Append(')')
            .Append(" >>\nendobj\n")
            .ToString();
        var xrefOffset = pdf.Length + Encoding.ASCII.GetByteCount(infoObject);
        var update = infoObject
            + $"xref\n{size} 1\n{objectOffset:D10} 00000 n \n"
            + $"trailer\n<< /Size {size + 1} /Root {root} /Info {size} 0 R /Prev {startXref.Groups[1].Value}{(id.Success ? " " + id.Value : "")} >>\n"
            + $"startxref\n{xrefOffset}\n%%EOF\n";

        var bytes = Encoding.ASCII.GetBytes(update);
        var result = new byte[pdf.Length + bytes.Length];
        pdf.CopyTo(result, 0);
        bytes.CopyTo(result, pdf.Length);
        return result;
    }

    /// <summary>A PDF text string in UTF-16BE with a byte-order mark, written as hex: any letter, nothing to escape.</summary>
    private static string Text(string value) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex Size();

    [GeneratedRegex(@"/Root\s+(\d+\s+\d+\s+R)")]
    private static partial Regex Root();

    [GeneratedRegex(@"/ID\s*\[[^\]]*\]")]
    private static partial Regex Id();
}
