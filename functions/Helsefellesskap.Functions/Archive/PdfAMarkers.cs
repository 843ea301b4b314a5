using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace Helsefellesskap.Functions.Archive;

/// <summary>
/// What can be checked here of a PDF/A-2 file without veraPDF (not installable): the XMP identification
/// (pdfaid:part 2), an output intent GTS_PDFA1 with a profile, every font embedded, no encryption, no JavaScript.
/// </summary>
public static partial class PdfAMarkers
{
    /// <summary>What keeps the file from carrying the PDF/A-2 markers; empty when it carries them all.</summary>
    public static IReadOnlyList<string> Problems(byte[] pdf)
    {
        var problems = new List<string>();
        using var document = PdfDocument.Open(pdf);
        if (document.IsEncrypted)
        {
            problems.Add("encrypted");
        }

        if (!document.TryGetXmpMetadata(out var xmp) || !PdfAid().IsMatch(System.Text.Encoding.UTF8.GetString(xmp.GetXmlBytes())))
        {
            problems.Add("no XMP pdfaid:part 2");
        }

        var catalog = document.Structure.Catalog.CatalogDictionary;
        var intents = catalog.TryGet(NameToken.Create("OutputIntents"), document.Structure.TokenScanner, out ArrayToken? array) ? array : null;
        var pdfa = intents?.Data.Select(t => Resolve(document, t)).OfType<DictionaryToken>()
            .Any(d => d.Data.GetValueOrDefault("S") is NameToken { Data: "GTS_PDFA1" } && d.ContainsKey(NameToken.Create("DestOutputProfile"))) ?? false;
        if (!pdfa)
        {
            problems.Add("no GTS_PDFA1 output intent with a profile");
        }

        var raw = System.Text.Encoding.Latin1.GetString(pdf);
        if (raw.Contains("/JavaScript", StringComparison.Ordinal) || raw.Contains("/JS ", StringComparison.Ordinal))
        {
            problems.Add("JavaScript");
        }

        foreach (var page in document.GetPages())
        {
            var fonts = Dictionary(document, Dictionary(document, page.Dictionary.Data.GetValueOrDefault("Resources"))?.Data.GetValueOrDefault("Font"));
            foreach (var (name, token) in fonts?.Data ?? new Dictionary<string, IToken>())
            {
                if (Dictionary(document, token) is { } font && !Embedded(document, font))
                {
                    problems.Add($"font {name} not embedded");
                }
            }
        }

        return problems.Distinct().ToList();
    }

    private static IToken Resolve(PdfDocument document, IToken token) =>
        token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;

    private static DictionaryToken? Dictionary(PdfDocument document, IToken? token) => token is null ? null : Resolve(document, token) as DictionaryToken;

    /// <summary>A font's program is in the file: its descriptor has a font file (a composite font's, its descendant's).</summary>
    private static bool Embedded(PdfDocument document, DictionaryToken font)
    {
        if (font.Data.GetValueOrDefault("DescendantFonts") is { } descendants && Resolve(document, descendants) is ArrayToken list)
        {
            return list.Data.Select(t => Dictionary(document, t)).All(d => d is not null && Embedded(document, d));
        }

        var descriptor = Dictionary(document, font.Data.GetValueOrDefault("FontDescriptor"));
        return descriptor is not null && (descriptor.ContainsKey(NameToken.Create("FontFile")) || descriptor.ContainsKey(NameToken.Create("FontFile2")) || descriptor.ContainsKey(NameToken.Create("FontFile3")));
    }

    [GeneratedRegex(@"pdfaid:part\s*=\s*['""]2['""]|<pdfaid:part>2</pdfaid:part>")]
    private static partial Regex PdfAid();
}
