using System.Security.Cryptography;
using System.Text;

namespace Helsefellesskap.Functions.Documents;

public sealed record RenderedDocument(byte[] Pdf, string Html, string SourceSha256);

/// <summary>Template → Markdown → safe HTML → page → tagged PDF with title, author and subject.</summary>
public sealed class DocumentRenderer(DocumentTemplates templates, MarkdownToHtml markdown, PdfRenderer pdf, TimeProvider clock)
{
    public async Task<RenderedDocument> Render(string template, object model, DocumentInfo info, CancellationToken ct = default) =>
        await Print(await Html(template, model, info), info, ct);

    /// <summary>The full HTML page a document is printed from.</summary>
    public async Task<string> Html(string template, object model, DocumentInfo info) =>
        await Page([await Fragment(template, model)], info);

    /// <summary>One document's body: its template rendered to Markdown, then to safe HTML.</summary>
    public async Task<string> Fragment(string template, object model) =>
        markdown.Render(await templates.Markdown(template, model));

    /// <summary>
    /// A page of one or more documents, each in its own section starting on a new sheet. Printing many
    /// documents as one page costs one print instead of one each (a packet of 13: about 0.55 s, not 2 s).
    /// </summary>
    public async Task<string> Page(IEnumerable<string> fragments, DocumentInfo info) =>
        await templates.Page(fragments, info.Title, info.Author, info.Subject, info.Draft);

    /// <param name="numberPages">False when the pages are numbered afterwards, across more than what is printed here (the packet).</param>
    public async Task<RenderedDocument> Print(string html, DocumentInfo info, CancellationToken ct = default, bool numberPages = true)
    {
        var bytes = await pdf.Render(html, new PageFrame(info.Draft ? $"UTKAST · {info.Header}" : info.Header, numberPages), ct);
        return new RenderedDocument(PdfInfo.Append(bytes, info, clock.GetUtcNow()), html, Sha256(html));
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
