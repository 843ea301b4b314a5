using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Helsefellesskap.Functions.Documents;

/// <summary>
/// Sets a PDF's title, author and subject (or its language) by an incremental update: a new Info
/// dictionary (or catalog) and a new trailer are appended, and nothing else is touched, so the tagged
/// structure, the outline and the embedded fonts stay exactly as they were.
/// </summary>
public static partial class PdfInfo
{
    public static byte[] Append(byte[] pdf, DocumentInfo info, DateTimeOffset created)
    {
        var trailer = Trailer.Of(pdf);
        var date = $"D:{created.UtcDateTime:yyyyMMddHHmmss}Z";
        var infoObject = new StringBuilder()
            .Append("<<")
            .Append(" /Title ").Append(Text(info.Title))
            .Append(" /Author ").Append(Text(info.Author))
            .Append(" /Subject ").Append(Text(info.Subject))
            .Append(" /Creator ").Append(Text("Helsefellesskap sekretariat"))
            .Append(" /Producer ").Append(Text("Chromium (Skia/PDF)"))
            .Append(" /CreationDate (").Append(date).Append(") /ModDate (").Append(date).Append(')')
            .Append(" >>")
            .ToString();
        return Update(pdf, trailer, trailer.Size, infoObject, $"/Size {trailer.Size + 1} /Root {trailer.Root} /Info {trailer.Size} 0 R");
    }

    /// <summary>
    /// Sets the document's natural language (/Lang in the catalog, "nb") by an incremental update that
    /// writes the catalog again with it: for a PDF the app put together itself (the packet), whose catalog
    /// is one plain object.
    /// </summary>
    public static byte[] SetLanguage(byte[] pdf, string language)
    {
        var trailer = Trailer.Of(pdf);
        var (number, catalog) = CatalogOf(pdf, trailer);
        if (catalog.Contains("/Lang", StringComparison.Ordinal))
        {
            return pdf;
        }

        return catalog.StartsWith("<<", StringComparison.Ordinal)
            ? Update(pdf, trailer, number, $"<< /Lang ({Regex.Replace(language, "[^A-Za-z-]", "")}) {catalog[2..]}", $"/Size {trailer.Size} /Root {trailer.Root}{(trailer.Info is { } info ? " " + info : "")}")
            : throw new InvalidDataException("The catalog is not a dictionary.");
    }

    /// <summary>The catalog's object number and its dictionary as written (its last version), for an update that writes it again.</summary>
    private static (int Number, string Dictionary) CatalogOf(byte[] pdf, Trailer trailer)
    {
        var number = int.Parse(trailer.Root.Split(' ')[0], CultureInfo.InvariantCulture);
        var text = Encoding.Latin1.GetString(pdf);
        var at = Regex.Matches(text, $@"(?m)^{number} 0 obj\s*").LastOrDefault() ?? throw new InvalidDataException($"The catalog {trailer.Root} is not a plain object.");
        var end = text.IndexOf("endobj", at.Index + at.Length, StringComparison.Ordinal);
        return (number, text[(at.Index + at.Length)..end].Trim());
    }

    /// <summary>What an incremental update needs from the last trailer.</summary>
    private sealed record Trailer(int Size, string Root, string? Info, string? Id, string PreviousXref)
    {
        public static Trailer Of(byte[] pdf)
        {
            var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 4096), Math.Min(4096, pdf.Length));
            var trailerAt = tail.LastIndexOf("trailer", StringComparison.Ordinal);
            var startXref = StartXref().Match(tail, Math.Max(0, trailerAt));
            if (trailerAt < 0 || !startXref.Success)
            {
                throw new InvalidDataException("The PDF has no classic trailer to update.");
            }

            var trailer = tail[trailerAt..startXref.Index];
            var info = InfoRef().Match(trailer);
            var id = IdArray().Match(trailer);
            return new Trailer(int.Parse(SizeEntry().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture), RootRef().Match(trailer).Groups[1].Value,
                info.Success ? info.Value : null, id.Success ? id.Value : null, startXref.Groups[1].Value);
        }
    }

    /// <summary>Appends one object (object <paramref name="number"/>, new or a new version) with its xref entry and a trailer pointing back.</summary>
    private static byte[] Update(byte[] pdf, Trailer previous, int number, string body, string trailerEntries) =>
        AppendObjects(pdf, [(number, body)], trailerEntries + $" /Prev {previous.PreviousXref}{(previous.Id is { } id ? " " + id : "")}");

    /// <summary>Appends objects (new, or new versions), an xref section for them and a trailer with <paramref name="trailerEntries"/>.</summary>
    internal static byte[] AppendObjects(byte[] pdf, IReadOnlyList<(int Number, string Body)> objects, string trailerEntries)
    {
        var written = new StringBuilder();
        var xref = new StringBuilder("xref\n");
        var offset = (long)pdf.Length;
        foreach (var (number, body) in objects.OrderBy(o => o.Number))
        {
            var text = $"\n{number} 0 obj\n{body}\nendobj\n";
            xref.Append(CultureInfo.InvariantCulture, $"{number} 1\n{offset + 1:D10} 00000 n \n");
            written.Append(text);
            offset += Encoding.Latin1.GetByteCount(text);
        }

        var update = written.Append(xref).Append("trailer\n<< ").Append(trailerEntries).Append(" >>\n")
            .Append(CultureInfo.InvariantCulture, $"startxref\n{offset}\n%%EOF\n").ToString();
        var bytes = Encoding.Latin1.GetBytes(update);
        var result = new byte[pdf.Length + bytes.Length];
        pdf.CopyTo(result, 0);
        bytes.CopyTo(result, pdf.Length);
        return result;
    }

    /// <summary>The trailer entries an update keeps: its size, root, info and id, and where the previous xref is.</summary>
    internal static (int Size, string Root, string Kept) TrailerOf(byte[] pdf)
    {
        var t = Trailer.Of(pdf);
        return (t.Size, t.Root, $"{(t.Info is { } info ? info + " " : "")}/Prev {t.PreviousXref}{(t.Id is { } id ? " " + id : "")}");
    }

    /// <summary>A PDF text string in UTF-16BE with a byte-order mark, written as hex: any letter, nothing to escape.</summary>
    internal static string Text(string value) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    [GeneratedRegex(@"startxref\s+(\d+)")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizeEntry();

    [GeneratedRegex(@"/Root\s+(\d+\s+\d+\s+R)")]
    private static partial Regex RootRef();

    [GeneratedRegex(@"/Info\s+\d+\s+\d+\s+R")]
    private static partial Regex InfoRef();

    [GeneratedRegex(@"/ID\s*\[[^\]]*\]")]
    private static partial Regex IdArray();
}
