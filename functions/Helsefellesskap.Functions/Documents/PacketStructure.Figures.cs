using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Helsefellesskap.Functions.Documents;

/// <summary>The attached pages as figures in the structure tree: their elements among the parts, their place in the parent tree, their pages marked.</summary>
public static partial class PacketStructure
{
    /// <summary>Each attached page's Figure element (with its alternative text), and the page itself pointing at it from the parent tree.</summary>
    private static IEnumerable<(int, string)> FigureObjects(PdfDocument target, IReadOnlyList<IndirectReference> targetPages, IReadOnlyList<FigurePage> figures, IReadOnlyList<IndirectReference> figureRefs, IndirectReference container, int nextKey)
    {
        for (var i = 0; i < figures.Count; i++)
        {
            var page = targetPages[figures[i].Page - 1];
            yield return ((int)figureRefs[i].ObjectNumber,
                $"<< /Type /StructElem /S /Figure /P {PdfTokens.Ref(container)} /Pg {PdfTokens.Ref(page)} /K 0 /Alt {PdfInfo.Text(figures[i].Alt)} >>");
            var dict = (DictionaryToken)target.Structure.GetObject(page).Data;
            yield return ((int)page.ObjectNumber, PdfTokens.Write(Reordered(target, dict).With("StructParents", new NumericToken(nextKey + i)), r => r));
        }
    }

    /// <summary>
    /// A figure page's streams in drawing order: the figure's opening, the page's own content, the figure's
    /// closing, then the stamps. (PdfPig writes a copied page's own streams after those added to it.)
    /// </summary>
    private static DictionaryToken Reordered(PdfDocument document, DictionaryToken page)
    {
        if (PdfTokens.Get<ArrayToken>(page, NameToken.Contents) is not { } contents)
        {
            return page;
        }

        string Start(IToken t)
        {
            if (t is not IndirectReferenceToken r || document.Structure.GetObject(r.Data).Data is not StreamToken stream)
            {
                return "";
            }

            var bytes = stream.Decode(document.Structure.FilterProvider, document.Structure.TokenScanner).Span;
            return Encoding.Latin1.GetString(bytes[..Math.Min(16, bytes.Length)]);
        }

        var kinds = contents.Data.Select(t => (Token: t, Start: Start(t))).ToList();
        bool Opening(string start) => start.StartsWith("/Figure", StringComparison.Ordinal);
        bool Closing(string start) => start.StartsWith("Q\nEMC", StringComparison.Ordinal);
        bool Stamp(string start) => start.StartsWith("/Artifact", StringComparison.Ordinal);
        var ordered = kinds.Where(k => Opening(k.Start))
            .Concat(kinds.Where(k => !Opening(k.Start) && !Closing(k.Start) && !Stamp(k.Start)))
            .Concat(kinds.Where(k => Closing(k.Start)))
            .Concat(kinds.Where(k => Stamp(k.Start)))
            .Select(k => k.Token).ToList();
        return page.With(NameToken.Contents, new ArrayToken(ordered));
    }

    /// <summary>
    /// Where figure <paramref name="index"/>'s element goes, until it is written: a reference no source
    /// object can have (a negative number), so the writer can tell it from the printed PDF's own.
    /// </summary>
    private static IndirectReferenceToken Placeholder(int index) => new(new IndirectReference(-1 - index, 0));

    /// <summary>The element holding the parts, with each figure placed after the parts printed before its page.</summary>
    private static DictionaryToken WithFigures(DictionaryToken document, PdfDocument source, List<IndirectReference> sourcePages, IReadOnlyList<int> printedToMerged,
        IReadOnlyList<FigurePage> figures)
    {
        var children = PdfTokens.Get<ArrayToken>(document, NameToken.K) is { } array ? array.Data.ToList() : PdfTokens.Get<IToken>(document, NameToken.K) is { } one ? [one] : [];
        var placed = new List<(int Page, IToken Child)>();
        var last = 0;
        foreach (var child in children)
        {
            var page = FirstPage(source, child) is { } p && sourcePages.IndexOf(p) is >= 0 and var index ? printedToMerged[index] : last;
            last = page;
            placed.Add((page, child));
        }

        for (var i = 0; i < figures.Count; i++)
        {
            var at = placed.FindIndex(x => x.Page > figures[i].Page);
            placed.Insert(at < 0 ? placed.Count : at, (figures[i].Page, Placeholder(i)));
        }

        return document.With(NameToken.K, new ArrayToken(placed.Select(x => x.Child).ToList()));
    }
}
