using System.Diagnostics;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// libxml2's xmllint (Debian's <c>libxml2-utils</c>) validating against the Noark 5 v5.0 schemas that sit beside the
/// repository in <c>../shared/noark5/v5.0/</c>, as a records office checks an extraction before reading it.
/// </summary>
public static class Xmllint
{
    public static string Noark5Schema => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "noark5", "v5.0", "arkivstruktur.xsd"));

    /// <summary>What xmllint says of the document against the schema: empty when it validates.</summary>
    public static async Task<string> Problems(byte[] xml, string schema)
    {
        if (!File.Exists(schema))
        {
            throw new FileNotFoundException($"The schema to validate against is missing: {schema}");
        }

        var file = Path.Combine(Path.GetTempPath(), $"hf-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, xml);
        try
        {
            var start = new ProcessStartInfo("xmllint") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--noout", "--nonet", "--schema", schema, file })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await output;
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? "" : $"xmllint exit {process.ExitCode}: {errors.Replace(file, "arkivstruktur.xml", StringComparison.Ordinal)}";
        }
        finally
        {
            File.Delete(file);
        }
    }
}
