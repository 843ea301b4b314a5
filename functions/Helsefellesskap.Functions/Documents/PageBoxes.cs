using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Helsefellesskap.Functions.Documents;

/// <summary>
/// The visible area of every page (its crop box, else its media box, either inherited from the page tree),
/// read from the page dictionaries alone: reading a page through PdfPig parses its whole content, which
/// is what copying it costs again.
/// </summary>
public static class PageBoxes
{
    public static IReadOnlyList<PdfRectangle> Of(PdfDocument document)
    {
        var boxes = new List<PdfRectangle>();
        void Walk(IToken node, ArrayToken? media, ArrayToken? crop, int depth)
        {
            var dict = Resolve<DictionaryToken>(document, node) ?? throw new InvalidDataException("A page tree node is not a dictionary.");
            media = Resolve<ArrayToken>(document, PdfTokens.Get<IToken>(dict, NameToken.MediaBox)) ?? media;
            crop = Resolve<ArrayToken>(document, PdfTokens.Get<IToken>(dict, NameToken.CropBox)) ?? crop;
            if (depth < 32 && Resolve<ArrayToken>(document, PdfTokens.Get<IToken>(dict, NameToken.Kids)) is { } kids)
            {
                foreach (var kid in kids.Data)
                {
                    Walk(kid, media, crop, depth + 1);
                }
            }
            else
            {
                boxes.Add(Rectangle(crop ?? media ?? throw new InvalidDataException("A page has no media box.")));
            }
        }

        Walk(document.Structure.Catalog.CatalogDictionary.Data[NameToken.Pages.Data], null, null, 0);
        return boxes.Count == document.NumberOfPages
            ? boxes
            : throw new InvalidDataException($"The page tree holds {boxes.Count} pages, the document says {document.NumberOfPages}.");
    }

    private static T? Resolve<T>(PdfDocument document, IToken? token) where T : class, IToken =>
        token is IndirectReferenceToken r ? document.Structure.GetObject(r.Data).Data as T : token as T;

    private static PdfRectangle Rectangle(ArrayToken box)
    {
        var n = box.Data.OfType<NumericToken>().Select(t => t.Double).ToArray();
        return n.Length == 4
            ? new PdfRectangle(Math.Min(n[0], n[2]), Math.Min(n[1], n[3]), Math.Max(n[0], n[2]), Math.Max(n[1], n[3]))
            : throw new InvalidDataException("A page box does not have four numbers.");
    }
}
