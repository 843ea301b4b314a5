using System.Diagnostics;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>poppler-utils, as a person checking a PDF would use them: pdfinfo, pdffonts, pdftotext.</summary>
public static class Poppler
{
    public static Task<string> Info(byte[] pdf) => Run("pdfinfo", pdf);

    public static Task<string> Fonts(byte[] pdf) => Run("pdffonts", pdf);

    /// <summary>The document's XMP metadata, as pdfinfo -meta prints it.</summary>
    public static Task<string> Metadata(byte[] pdf) => Run("pdfinfo", pdf, ["-meta"]);

    /// <summary>The structure tree with each element's text, as pdfinfo -struct-text prints it.</summary>
    public static Task<string> Structure(byte[] pdf) => Run("pdfinfo", pdf, ["-struct-text"]);

    public static Task<string> Text(byte[] pdf, bool layout = false) => Run("pdftotext", pdf, layout ? ["-layout", "-enc", "UTF-8"] : ["-enc", "UTF-8"], toStdout: true);

    /// <summary>The pdfinfo field, e.g. "Tagged" → "yes".</summary>
    public static string Field(string info, string name) =>
        info.Split('\n').Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim() == name).Select(p => p[1].Trim()).FirstOrDefault() ?? "";

    private static async Task<string> Run(string tool, byte[] pdf, string[]? options = null, bool toStdout = false)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hf-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var o in options ?? [])
            {
                start.ArgumentList.Add(o);
            }

            start.ArgumentList.Add(file);
            if (toStdout)
            {
                start.ArgumentList.Add("-");
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
