using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Archive;

public sealed class ArchiveOptions
{
    public const string Section = "Archive";

    /// <summary>Ghostscript, which converts the documents to PDF/A-2b (Debian's <c>ghostscript</c>).</summary>
    public string Ghostscript { get; set; } = "gs";

    /// <summary>The sRGB colour profile the PDF/A output intent embeds (Ghostscript's own, in Debian).</summary>
    public string ColourProfile { get; set; } = "/usr/share/color/icc/ghostscript/srgb.icc";
}

/// <summary>
/// Converts a PDF to PDF/A-2b with Ghostscript (docs/adr/0014-archive-export.md): fonts embedded, an sRGB
/// output intent, XMP with pdfaid part 2, no encryption or JavaScript. The structure tree (tags) is not
/// kept; the outline is. One conversion at a time per process, with a time limit. An app with a renderer
/// (Documents__RendererUrl: in Azure the function app has no Ghostscript) has the renderer convert.
/// </summary>
public sealed class PdfA(IOptions<ArchiveOptions> options, IOptions<Documents.DocumentOptions> documents, IHttpClientFactory? http = null)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim one = new(1, 1);

    /// <summary>The document as PDF/A-2b, described with its title, author and subject (Info and XMP) and in Norwegian.</summary>
    public async Task<byte[]> Convert(byte[] pdf, Documents.DocumentInfo info, DateTimeOffset created, CancellationToken ct = default)
    {
        var converted = string.IsNullOrWhiteSpace(documents.Value.RendererUrl) ? await ConvertHere(pdf, ct) : await ConvertRemotely(pdf, ct);
        return Documents.PdfInfo.DescribeArchived(converted, info, "nb", created);
    }

    private Task<byte[]> ConvertRemotely(byte[] pdf, CancellationToken ct)
    {
        var content = new ByteArrayContent(pdf);
        content.Headers.ContentType = new("application/pdf");
        return Documents.RendererCall.Post(http, documents.Value, "/api/internal/pdfa", content, "a PDF/A conversion", ct);
    }

    public async Task<byte[]> ConvertHere(byte[] pdf, CancellationToken ct = default)
    {
        var o = options.Value;
        var folder = Directory.CreateTempSubdirectory("pdfa-");
        await one.WaitAsync(ct);
        try
        {
            var input = Path.Combine(folder.FullName, "inn.pdf");
            var output = Path.Combine(folder.FullName, "ut.pdf");
            var definition = Path.Combine(folder.FullName, "pdfa.ps");
            await File.WriteAllBytesAsync(input, pdf, ct);
            await File.WriteAllTextAsync(definition, Definition(o.ColourProfile), Encoding.ASCII, ct);
            var start = new ProcessStartInfo(o.Ghostscript,
            [
                "-q", "-dPDFA=2", "-dBATCH", "-dNOPAUSE", "-dSAFER", $"--permit-file-read={o.ColourProfile}", "-sColorConversionStrategy=RGB",
                "-sDEVICE=pdfwrite", "-dPDFACompatibilityPolicy=1", $"-sOutputFile={output}", definition, input,
            ]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Ghostscript ({o.Ghostscript}) could not be started.");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Limit);
            var errors = process.StandardError.ReadToEndAsync(limit.Token);
            _ = process.StandardOutput.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0 || !File.Exists(output))
            {
                throw new InvalidOperationException($"Ghostscript could not convert the document to PDF/A (exit {process.ExitCode}): {await errors}");
            }

            return await File.ReadAllBytesAsync(output, ct);
        }
        finally
        {
            one.Release();
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Ghostscript's PDFA_def.ps, with the colour profile's path: the output intent every PDF/A file carries.</summary>
    private static string Definition(string profile) => $$"""
        %!
        /ICCProfile ({{profile.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)}}) def
        [/_objdef {icc_PDFA} /type /stream /OBJ pdfmark
        [{icc_PDFA} << /N 3 >> /PUT pdfmark
        [{icc_PDFA} ICCProfile (r) file /PUT pdfmark
        [/_objdef {OutputIntent_PDFA} /type /dict /OBJ pdfmark
        [{OutputIntent_PDFA} << /Type /OutputIntent /S /GTS_PDFA1 /DestOutputProfile {icc_PDFA} /OutputConditionIdentifier (sRGB) >> /PUT pdfmark
        [{Catalog} << /OutputIntents [ {OutputIntent_PDFA} ] >> /PUT pdfmark
        """;
}
