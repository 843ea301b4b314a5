using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Documents;

/// <summary>
/// The Liquid templates of templates/, parsed once. Construction parses every one of them, so a
/// template error stops the app at start with the template's name, line and column.
/// </summary>
public sealed class DocumentTemplates
{
    public const string CasePaper = "case-paper.md.liquid";
    public const string Summons = "summons.md.liquid";
    public const string Minutes = "minutes.md.liquid";
    public const string Layout = "layout.html.liquid";

    private static readonly string[] Required = [CasePaper, Summons, Minutes, Layout];
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<string, IFluidTemplate> templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions options;

    public DocumentTemplates(IOptions<DocumentOptions> settings)
    {
        Folder = settings.Value.ResolveTemplatesPath();
        var parser = new FluidParser();
        foreach (var name in Required)
        {
            var path = Path.Combine(Folder, name);
            if (!File.Exists(path))
            {
                throw new TemplateException($"Template '{name}' is missing from {Folder}.");
            }

            if (!parser.TryParse(File.ReadAllText(path), out var template, out var error))
            {
                throw new TemplateException($"Template '{name}' has an error: {error}");
            }

            templates[name] = template;
        }

        Css = File.ReadAllText(Path.Combine(Folder, "print.css"));
        options = new TemplateOptions
        {
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
            CultureInfo = Hosting.Norwegian.Culture,
        };
        options.Filters.AddFilter("markdown", (input, _, _) =>
            new ValueTask<FluidValue>(new StringValue(MarkdownFragment.Embed(input.ToStringValue()), encode: false)));
    }

    public string Folder { get; }

    public string Css { get; }

    /// <summary>Renders a Markdown template; every printed value is escaped as Markdown text.</summary>
    public Task<string> Markdown(string name, object model) => Render(name, model, MarkdownTextEncoder.Instance);

    /// <summary>Wraps rendered HTML in the page layout; printed values are HTML-encoded.</summary>
    public Task<string> Page(string content, string title, string author, string subject, bool draft) =>
        Render(Layout, new { Content = content, Title = title, Author = author, Subject = subject, Draft = draft, Css }, Html);

    private async Task<string> Render(string name, object model, TextEncoder encoder)
    {
        var context = new TemplateContext(model, options);
        return await templates[name].RenderAsync(context, encoder);
    }
}

public sealed class TemplateException(string message) : Exception(message);
