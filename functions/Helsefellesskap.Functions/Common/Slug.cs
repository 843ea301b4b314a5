using System.Text.RegularExpressions;

namespace Helsefellesskap.Functions.Common;

/// <summary>A name as it appears in blob paths, public addresses and calendar ids: lower case, æøå spelt out, other runs of characters as one dash.</summary>
public static partial class Slug
{
    public static string Of(string text)
    {
        var lower = text.ToLowerInvariant().Replace("æ", "ae", StringComparison.Ordinal).Replace("ø", "o", StringComparison.Ordinal).Replace("å", "a", StringComparison.Ordinal);
        return NonSlug().Replace(lower, "-").Trim('-');
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonSlug();
}
