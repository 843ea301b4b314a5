using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

namespace Helsefellesskap.Functions.Documents;

/// <summary>
/// The encoder for Liquid templates that produce Markdown: every value printed with {{ }} is taken as
/// plain text, so its ASCII punctuation is backslash-escaped and a line break becomes a space. Letters
/// such as æøå pass as they are.
/// </summary>
public sealed partial class MarkdownTextEncoder(string special) : TextEncoder
{
    /// <summary>For documents: every ASCII punctuation character that can start or close Markdown syntax.</summary>
    public static readonly MarkdownTextEncoder Instance = new("\\`*_{}[]()#+-.!|<>~&\"'=:");

    /// <summary>
    /// For emails, whose Markdown is also the plain-text part: only what can make a link, an image, HTML,
    /// emphasis, code or a heading is escaped, so dates, references and addresses read as written.
    /// </summary>
    public static readonly MarkdownTextEncoder Email = new("\\`*_[]<>&#");

    /// <summary>Undoes <see cref="Email"/>'s escapes, for a line that is not Markdown (a subject).</summary>
    public static string UnescapeEmail(string text) => EmailEscape().Replace(text, "$1");

    public override int MaxOutputCharactersPerInputCharacter => 2;

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is '\n' or '\r' || (unicodeScalar < 128 && special.Contains((char)unicodeScalar, StringComparison.Ordinal));

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (!WillEncode(unicodeScalar))
        {
            var rune = new Rune(unicodeScalar);
            if (bufferLength < rune.Utf16SequenceLength)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            numberOfCharactersWritten = rune.EncodeToUtf16(new Span<char>(buffer, bufferLength));
            return true;
        }

        if (unicodeScalar is '\n' or '\r')
        {
            if (bufferLength < 1)
            {
                numberOfCharactersWritten = 0;
                return false;
            }

            buffer[0] = ' ';
            numberOfCharactersWritten = 1;
            return true;
        }

        if (bufferLength < 2)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        buffer[0] = '\\';
        buffer[1] = (char)unicodeScalar;
        numberOfCharactersWritten = 2;
        return true;
    }

    [GeneratedRegex(@"\\([\\`*_\[\]<>&#])")]
    private static partial Regex EmailEscape();
}

/// <summary>Prepares Markdown someone wrote for a place inside a document.</summary>
public static partial class MarkdownFragment
{
    /// <summary>
    /// Headings are demoted below the document's own (at least level 3), so a submitter's "# Bakgrunn"
    /// does not become a top-level bookmark; a code block left open is closed, so it cannot swallow the
    /// rest of the document; the fragment is set off by blank lines.
    /// </summary>
    public static string Embed(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var fences = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (Fence().IsMatch(lines[i]))
            {
                fences++;
                continue;
            }

            if (fences % 2 == 0)
            {
                lines[i] = Heading().Replace(lines[i], m => new string('#', Math.Min(6, m.Groups[1].Length + 2)) + m.Groups[2].Value);
            }
        }

        var text = string.Join('\n', lines);
        if (fences % 2 == 1)
        {
            text += "\n```";
        }

        // Markdown the parser refuses (nested deeper than it allows) is shown as the text it is.
        return "\n\n" + (MarkdownToHtml.CanParse(text) ? text : AsText(text)) + "\n\n";
    }

    /// <summary>Every line as plain text, escaped, the line breaks kept as paragraphs.</summary>
    public static string AsText(string text) =>
        string.Join("\n\n", text.Split('\n').Where(l => l.Trim().Length > 0).Select(l => MarkdownTextEncoder.Instance.Encode(l.Trim())));

    [GeneratedRegex(@"^ {0,3}(`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}(#{1,6})(\s|$)")]
    private static partial Regex Heading();
}
