namespace Helsefellesskap.Functions.Storage;

public static class TableKeys
{
    /// <summary>Table storage refuses '/', '\', '#', '?' and control characters in keys, and keys over 1 KiB.</summary>
    public static bool IsValid(string key) =>
        key.Length is > 0 and <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
