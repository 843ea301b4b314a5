using System.Security.Cryptography;
using System.Text;

namespace Helsefellesskap.Functions.Documents;

public sealed record RenderedDocument(byte[] Pdf, string Html, string SourceSha256);

/// <summary>Template → Markdown → safe HTML → page → tagged PDF with title, author and subject.</summary>
public sealed class DocumentRenderer(DocumentTemplates templates, MarkdownToHtml markdown, PdfRenderer pdf, TimeProvider clock)
{
    public async Task<RenderedDocument> Render(string template, object model, DocumentInfo info, CancellationToken ct = default)
    {
        var html = await Html(template, model, info);
        var bytes = await pdf.Render(html, new PageFrame(info.Draft ? $"UTKAST · {info.Header}" : info.Header), ct);
        return new RenderedDocument(PdfInfo.Append(bytes, info, clock.GetUtcNow()), html, Sha256(html));
    }

    /// <summary>The full HTML page a document is printed from.</summary>
    public async Task<string> Html(string template, object model, DocumentInfo info)
    {
        var text = await templates.Markdown(template, model);
        return await templates.Page(markdown.Render(text), info.Title, info.Author, info.Subject, info.Draft);
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
