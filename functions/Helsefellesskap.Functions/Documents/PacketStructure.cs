using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Helsefellesskap.Functions.Documents;

/// <summary>An attached page of the packet, tagged as a figure: its page in the packet (1 = the first) and its text alternative.</summary>
public sealed record FigurePage(int Page, string Alt);

/// <summary>
/// Gives the merged packet back the structure tree Chromium wrote for its printed pages, which copying
/// pages leaves behind (the pages keep their marked content and /StructParents; the tree, its parent
/// tree, /MarkInfo and /Lang are in the catalog, which is not copied). By an incremental update: the
/// printed PDF's structure objects are written again with their pages and link annotations pointing at the
/// packet's, each attached page (whose content <see cref="PacketBuilder"/> marked as MCID 0) becomes a
/// Figure with its text alternative, in reading order, and the catalog is written again with the tree.
/// (docs/adr/0011-packet-pages-and-structure.md)
/// </summary>
public static partial class PacketStructure
{
    public static byte[] Rebuild(byte[] merged, byte[] printed, IReadOnlyList<int> printedToMerged, IReadOnlyList<FigurePage> figures, string language)
    {
        using var source = PdfDocument.Open(printed);
        using var target = PdfDocument.Open(merged);
        if (PdfTokens.Get<IndirectReferenceToken>(source.Structure.Catalog.CatalogDictionary, NameToken.StructTreeRoot) is not { } rootRef)
        {
            return PdfInfo.SetLanguage(merged, language);
        }

        var (size, targetRoot, trailerKept) = PdfInfo.TrailerOf(merged);
        var sourcePages = PageRefs(source);
        var targetPages = PageRefs(target);
        var map = PagesAndLinks(source, target, sourcePages, targetPages, printedToMerged);
        var next = size;
        var queue = new Queue<IndirectReference>();
        IndirectReference Renumber(IndirectReference r)
        {
            if (!map.TryGetValue(r, out var to))
            {
                to = new IndirectReference(next++, 0);
                map[r] = to;
                queue.Enqueue(r);
            }

            return to;
        }

        var root = (DictionaryToken)source.Structure.GetObject(rootRef.Data).Data;
        var document = PdfTokens.Get<IndirectReferenceToken>(root, NameToken.K) is { } documentRef ? documentRef.Data : (IndirectReference?)null;
        var nextKey = PdfTokens.Get<NumericToken>(root, NameToken.Create("ParentTreeNextKey")) is { } key ? key.Int : 0;
        var parentTree = PdfTokens.Get<IndirectReferenceToken>(root, NameToken.Create("ParentTree")) is { } treeRef ? treeRef.Data : (IndirectReference?)null;
        if (document is null || parentTree is null)
        {
            return PdfInfo.SetLanguage(merged, language);
        }

        // The figures go among the parts: into the element that holds one child per printed part (below
        // the Document, Chromium nests the page body and then one element per section).
        var container = document.Value;
        for (var depth = 0; depth < 8 && Children(source, container) is [IndirectReferenceToken only]; depth++)
        {
            container = only.Data;
        }

        // The figures' element objects get numbers first; the source's objects are numbered as they are reached.
        var newRoot = Renumber(rootRef.Data);
        var newContainer = Renumber(container);
        var figureRefs = figures.Select(_ => new IndirectReference(next++, 0)).ToList();
        var objects = new List<(int, string)>();
        while (queue.Count > 0)
        {
            var r = queue.Dequeue();
            var token = source.Structure.GetObject(r).Data;
            if (r.Equals(rootRef.Data))
            {
                token = root.With("ParentTreeNextKey", new NumericToken(nextKey + figures.Count));
            }
            else if (r.Equals(container))
            {
                token = WithFigures((DictionaryToken)token, source, sourcePages, printedToMerged, figures);
            }
            else if (r.Equals(parentTree.Value) && token is DictionaryToken tree && PdfTokens.Get<ArrayToken>(tree, NameToken.Nums) is { } nums)
            {
                token = tree.With(NameToken.Nums, new ArrayToken([.. nums.Data, .. figures.SelectMany((_, i) => new IToken[] { new NumericToken(nextKey + i), new ArrayToken([Placeholder(i)]) })]));
            }

            objects.Add(((int)map[r].ObjectNumber, PdfTokens.Write(token, x => x.ObjectNumber < 0 ? figureRefs[(int)(-x.ObjectNumber - 1)] : Renumber(x))));
        }

        objects.AddRange(FigureObjects(target, targetPages, figures, figureRefs, newContainer, nextKey));

        var catalog = target.Structure.Catalog.CatalogDictionary
            .With(NameToken.StructTreeRoot, new IndirectReferenceToken(newRoot))
            .With("MarkInfo", new DictionaryToken(new Dictionary<NameToken, IToken> { [NameToken.Create("Marked")] = BooleanToken.True }))
            .With("Lang", new StringToken(language));
        var catalogNumber = int.Parse(targetRoot.Split(' ')[0], CultureInfo.InvariantCulture);
        objects.Add((catalogNumber, PdfTokens.Write(catalog, r => r)));
        return PdfInfo.AppendObjects(merged, objects, $"/Size {next} /Root {targetRoot} {trailerKept}");
    }

    /// <summary>Where each printed page, and each link annotation on it, went in the merged packet: the objects the structure tree points at.</summary>
    private static Dictionary<IndirectReference, IndirectReference> PagesAndLinks(PdfDocument source, PdfDocument target, IReadOnlyList<IndirectReference> sourcePages, IReadOnlyList<IndirectReference> targetPages, IReadOnlyList<int> printedToMerged)
    {
        var map = new Dictionary<IndirectReference, IndirectReference>();
        for (var i = 0; i < sourcePages.Count; i++)
        {
            var to = targetPages[printedToMerged[i] - 1];
            map[sourcePages[i]] = to;
            var from = Annotations(source, sourcePages[i]);
            var kept = Annotations(target, to);
            for (var a = 0; a < Math.Min(from.Count, kept.Count); a++)
            {
                map[from[a]] = kept[a];
            }
        }

        return map;
    }

    private static IReadOnlyList<IToken> Children(PdfDocument source, IndirectReference element) =>
        source.Structure.GetObject(element).Data is DictionaryToken dict
            ? PdfTokens.Get<ArrayToken>(dict, NameToken.K) is { } array ? array.Data : PdfTokens.Get<IToken>(dict, NameToken.K) is { } one ? [one] : []
            : [];

    /// <summary>The first page a structure element's content is on (its own /Pg, or its first child's).</summary>
    private static IndirectReference? FirstPage(PdfDocument source, IToken element, int depth = 0)
    {
        if (depth > 64)
        {
            return null;
        }

        var token = element is IndirectReferenceToken r ? source.Structure.GetObject(r.Data).Data : element;
        if (token is not DictionaryToken dict)
        {
            return null;
        }

        if (PdfTokens.Get<IndirectReferenceToken>(dict, NameToken.Pg) is { } pg)
        {
            return pg.Data;
        }

        var kids = PdfTokens.Get<ArrayToken>(dict, NameToken.K) is { } array ? array.Data : PdfTokens.Get<IToken>(dict, NameToken.K) is { } one ? [one] : [];
        return kids.Select(k => FirstPage(source, k, depth + 1)).FirstOrDefault(p => p is not null);
    }

    private static List<IndirectReference> PageRefs(PdfDocument document)
    {
        var pages = new List<IndirectReference>();
        void Walk(IndirectReference node, int depth)
        {
            var dict = (DictionaryToken)document.Structure.GetObject(node).Data;
            if (depth < 32 && PdfTokens.Get<ArrayToken>(dict, NameToken.Kids) is { } kids)
            {
                foreach (var kid in kids.Data.OfType<IndirectReferenceToken>())
                {
                    Walk(kid.Data, depth + 1);
                }
            }
            else
            {
                pages.Add(node);
            }
        }

        Walk(((IndirectReferenceToken)document.Structure.Catalog.CatalogDictionary.Data["Pages"]).Data, 0);
        return pages;
    }

    private static List<IndirectReference> Annotations(PdfDocument document, IndirectReference page) =>
        PdfTokens.Get<ArrayToken>(((DictionaryToken)document.Structure.GetObject(page).Data), NameToken.Annots) is { } annots
            ? annots.Data.OfType<IndirectReferenceToken>().Select(a => a.Data).ToList()
            : [];
}
