namespace Helsefellesskap.Functions.Common;

/// <summary>
/// An enumeration written as text the way the API and the community definition write it: its camelCase
/// name ("majorityInEachParty"), any case, never a number; and the Norwegian message naming the values.
/// </summary>
public static class EnumText
{
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        value = default;
        return text.Length > 0 && text.All(char.IsAsciiLetter) && Enum.TryParse(text, ignoreCase: true, out value);
    }

    public static string Name<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>"«x» er ikke en gyldig verdi. Gyldige verdier: «a», «b»."</summary>
    public static string Invalid<T>(string text) where T : struct, Enum =>
        $"«{text}» er ikke en gyldig verdi. Gyldige verdier: {string.Join(", ", Enum.GetValues<T>().Select(v => $"«{Name(v)}»"))}.";
}
