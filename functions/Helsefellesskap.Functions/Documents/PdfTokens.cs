using System.Globalization;
using System.Text;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Tokens;

namespace Helsefellesskap.Functions.Documents;

/// <summary>PdfPig's tokens read and written as PDF syntax, for the incremental updates the app writes (<see cref="PacketStructure"/>).</summary>
public static class PdfTokens
{
    public static T? Get<T>(DictionaryToken dictionary, NameToken key) where T : class, IToken =>
        dictionary.Data.TryGetValue(key.Data, out var value) ? value as T : null;

    public static string Ref(IndirectReference r) => string.Create(CultureInfo.InvariantCulture, $"{r.ObjectNumber} {r.Generation} R");

    /// <summary>A token as PDF syntax, every reference through <paramref name="renumber"/>.</summary>
    public static string Write(IToken token, Func<IndirectReference, IndirectReference> renumber)
    {
        var text = new StringBuilder();
        void Go(IToken t)
        {
            switch (t)
            {
                case IndirectReferenceToken r:
                    text.Append(Ref(renumber(r.Data))).Append(' ');
                    break;
                case DictionaryToken d:
                    text.Append("<< ");
                    foreach (var (k, v) in d.Data)
                    {
                        text.Append(Name(k)).Append(' ');
                        Go(v);
                    }

                    text.Append(">> ");
                    break;
                case ArrayToken a:
                    text.Append("[ ");
                    foreach (var item in a.Data)
                    {
                        Go(item);
                    }

                    text.Append("] ");
                    break;
                case NameToken n:
                    text.Append(Name(n.Data)).Append(' ');
                    break;
                case NumericToken n:
                    text.Append(n.HasDecimalPlaces ? n.Double.ToString("0.#####", CultureInfo.InvariantCulture) : n.Long.ToString(CultureInfo.InvariantCulture)).Append(' ');
                    break;
                case BooleanToken b:
                    text.Append(b.Data ? "true " : "false ");
                    break;
                case HexToken h:
                    text.Append('<').Append(Convert.ToHexString(h.Bytes.ToArray())).Append("> ");
                    break;
                case StringToken s:
                    text.Append(s.Data.All(c => c is >= ' ' and <= '~') ? $"({s.Data.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)})" : PdfInfo.Text(s.Data)).Append(' ');
                    break;
                case NullToken:
                    text.Append("null ");
                    break;
                default:
                    throw new NotSupportedException($"A structure object holds a {t.GetType().Name}.");
            }
        }

        Go(token);
        return text.ToString().TrimEnd();
    }

    public static string Name(string name) =>
        "/" + string.Concat(name.Select(c => c is > '!' and < '~' and not ('(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%' or '#') ? c.ToString() : $"#{(int)c:X2}"));
}
