using Ganss.Xss;
using Helsefellesskap.Functions.Common;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Helsefellesskap.Functions.Documents;

/// <summary>
/// Markdown to safe HTML: raw HTML is not rendered, links other than https: and mailto: become their
/// text, images become their description, and a sanitizer has the last word. The pipeline and the
/// sanitizer are built once and are safe to share between threads.
/// </summary>
public sealed class MarkdownToHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoIdentifiers()
        .Build();

    /// <summary>
    /// For emails: a line break in a template is a line break in the email (a signature, an address), and
    /// the app's own links may be plain http when it runs locally. Values are escaped before they reach
    /// Markdown, so no link in an email comes from what someone typed.
    /// </summary>
    private static readonly MarkdownPipeline EmailPipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();
    private static readonly HtmlSanitizer EmailSanitizer = CreateSanitizer("http");

    public string Render(string markdown) => Render(markdown, Pipeline, Sanitizer, SafeLinks.IsSafe);

    /// <summary>
    /// False for Markdown that Markdig refuses: nested deeper than its limit (it throws rather than
    /// recurse without end, when parsing or when rendering). Such text is embedded as plain text instead.
    /// </summary>
    public static bool CanParse(string markdown)
    {
        try
        {
            Markdown.ToHtml(markdown, Pipeline);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public string RenderEmail(string markdown) => Render(markdown, EmailPipeline, EmailSanitizer, url => SafeLinks.IsSafe(url) || url?.StartsWith("http://", StringComparison.Ordinal) == true);

    private static string Render(string markdown, MarkdownPipeline pipeline, HtmlSanitizer sanitizer, Func<string?, bool> isSafe)
    {
        try
        {
            return RenderOrThrow(markdown, pipeline, sanitizer, isSafe);
        }
        catch (ArgumentException)
        {
            // Nested deeper than Markdig allows (embedded texts are checked first; this is the last guard): the text as it is.
            return RenderOrThrow(MarkdownFragment.AsText(markdown), pipeline, sanitizer, isSafe);
        }
    }

    private static string RenderOrThrow(string markdown, MarkdownPipeline pipeline, HtmlSanitizer sanitizer, Func<string?, bool> isSafe)
    {
        var document = Markdown.Parse(markdown, pipeline);
        RemoveUnsafeLinks(document, isSafe);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return sanitizer.Sanitize(writer.ToString());
    }

    private static void RemoveUnsafeLinks(MarkdownDocument document, Func<string?, bool> isSafe)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage)
            {
                var description = string.Concat(link.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
                link.ReplaceBy(new LiteralInline(description.Length == 0 ? "[bilde]" : $"[bilde: {description}]"));
            }
            else if (!isSafe(link.Url))
            {
                var text = new ContainerInline();
                foreach (var child in link.ToList())
                {
                    child.Remove();
                    text.AppendChild(child);
                }

                link.ReplaceBy(text);
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!isSafe(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    private static HtmlSanitizer CreateSanitizer(params string[] moreSchemes)
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Remove("img");
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        foreach (var scheme in moreSchemes)
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }

        sanitizer.AllowedAttributes.Add("id");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        return sanitizer;
    }
}
