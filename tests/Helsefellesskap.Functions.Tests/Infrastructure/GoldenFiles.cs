namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// Golden files: the expected output beside its source as NAME.expected.EXT. When the actual output differs
/// it is written beside it as NAME.actual.EXT, for a readable diff (copy it over if the change is intended).
/// </summary>
public static class GoldenFiles
{
    /// <param name="path">The golden file's path without ".expected.EXT".</param>
    public static async Task<bool> Matches(string path, string extension, string actual)
    {
        var expectedPath = $"{path}.expected.{extension}";
        var actualPath = $"{path}.actual.{extension}";
        var expected = File.Exists(expectedPath) ? await File.ReadAllTextAsync(expectedPath) : "";
        if (expected == actual)
        {
            File.Delete(actualPath);
            return true;
        }

        await File.WriteAllTextAsync(actualPath, actual);
        return false;
    }

    /// <summary>A PDF's text as a reader sees it, in order: lines trimmed, blank lines and form feeds dropped.</summary>
    public static async Task<string> PdfText(byte[] pdf) =>
        string.Join('\n', (await Poppler.Text(pdf)).Replace('\f', '\n').Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0)) + "\n";
}
