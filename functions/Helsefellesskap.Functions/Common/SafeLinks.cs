namespace Helsefellesskap.Functions.Common;

/// <summary>The links a document, an email or a page may carry: absolute https and mailto only (no javascript:, data: or relative links).</summary>
public static class SafeLinks
{
    public static bool IsSafe(string? url) =>
        url is not null
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "mailto";
}
