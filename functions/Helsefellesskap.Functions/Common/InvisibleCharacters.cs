namespace Helsefellesskap.Functions.Common;

/// <summary>
/// Characters that change how a text is shown without being seen (Unicode TR 36 §2, TR 39): bidirectional controls
/// reorder a title in the agenda, the PDFs and the archive ("Trojan Source"), zero-width characters hide inside a name
/// that then looks like another. A text field holding one is refused, naming the field; nothing is stored.
/// </summary>
public static class InvisibleCharacters
{
    /// <summary>The bidi embeddings, overrides and isolates and the marks (LRM, RLM, ALM), and the zero-width space, joiners, word joiner and BOM.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u061C' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or '\u2060' or (>= '\u2066' and <= '\u2069') or '\uFEFF';

    public static bool In(string? value) => value is not null && value.Any(IsInvisible);

    /// <summary>The text with those characters left out (where a text is shown, not where it is entered).</summary>
    public static string Without(string value) => string.Concat(value.Where(c => !IsInvisible(c)));

    /// <summary>"«Tittel» inneholder usynlige tegn …": for a field named as the person reads it.</summary>
    public static string Message(string what) =>
        $"{what} inneholder usynlige tegn (retningstegn eller tegn med null bredde) som kan endre hvordan teksten vises. Skriv teksten på nytt uten å lime den inn.";
}
