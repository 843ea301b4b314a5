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

    /// <summary>The appendix to the minutes: the compliance timeline of the meeting.</summary>
    public const string Compliance = "compliance.md.liquid";

    /// <summary>The secretariat's annual report (årlig melding) of a community's year.</summary>
    public const string AnnualReport = "annual-report.md.liquid";

    public const string Layout = "layout.html.liquid";

    /// <summary>Chromium's running header and footer on every printed page.</summary>
    public const string PrintHeader = "print-header.html.liquid";
    public const string PrintFooter = "print-footer.html.liquid";

    private static readonly string[] Required = [CasePaper, Summons, Minutes, Compliance, AnnualReport, Layout, PrintHeader, PrintFooter];
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<string, IFluidTemplate> templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions options;

    public DocumentTemplates(IOptions<DocumentOptions> settings)
    {
        Folder = settings.Value.ResolveTemplatesPath();
        foreach (var name in Required)
        {
            templates[name] = Liquid.Parse(Liquid.Parser, Folder, name);
        }

        Css = File.ReadAllText(Path.Combine(Folder, "print.css"));
        options = Liquid.Options();
        options.Filters.AddFilter("markdown", (input, _, _) =>
            new ValueTask<FluidValue>(new StringValue(MarkdownFragment.Embed(input.ToStringValue()), encode: false)));
    }

    public string Folder { get; }

    public string Css { get; }

    /// <summary>Renders a Markdown template; every printed value is escaped as Markdown text.</summary>
    public Task<string> Markdown(string name, object model) => Render(name, model, MarkdownTextEncoder.Instance);

    /// <summary>Wraps rendered HTML in the page layout; printed values are HTML-encoded.</summary>
    public Task<string> Page(IEnumerable<string> parts, string title, string author, string subject, bool draft) =>
        Render(Layout, new { Parts = parts.ToList(), Title = title, Author = author, Subject = subject, Draft = draft, Css }, Html);

    /// <summary>The running header with its text, and the footer ("Side X av Y"), for Chromium's print.</summary>
    public async Task<(string Header, string Footer)> PrintFrame(string headerText) =>
        (await Render(PrintHeader, new { Text = headerText }, Html), await Render(PrintFooter, new { }, Html));

    private async Task<string> Render(string name, object model, TextEncoder encoder)
    {
        var context = new TemplateContext(model, options);
        return await templates[name].RenderAsync(context, encoder);
    }
}

public sealed class TemplateException(string message) : Exception(message);

/// <summary>What every set of Liquid templates shares: how a file is parsed, and how models are read.</summary>
public static class Liquid
{
    private static readonly Lazy<FluidParser> SharedParser = new(() => new FluidParser());

    /// <summary>One parser for every set of templates (it is safe to share): its grammar is built once per process.</summary>
    public static FluidParser Parser => SharedParser.Value;

    /// <summary>Starts building the parser's grammar on another thread, so that the host is built meanwhile (start-up, ADR 0013).</summary>
    public static void StartBuildingParser() => _ = Task.Run(() => SharedParser.Value);

    /// <summary>Parses one template; a missing file or a syntax error names the template, line and column.</summary>
    public static IFluidTemplate Parse(FluidParser parser, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            throw new TemplateException($"Template '{name}' is missing from {folder}.");
        }

        if (!parser.TryParse(File.ReadAllText(path), out var template, out var error))
        {
            throw new TemplateException($"Template '{name}' has an error: {error}");
        }

        return template;
    }

    /// <summary>
    /// Models are read in snake_case (meeting.date_long), numbers and dates in Norwegian. Every text a document or an
    /// email shows is without invisible characters (bidi controls, zero-width; Unicode TR 36/39): the fields people fill
    /// in refuse them, and whatever text comes another way (the secretariat's decisions and minutes, reasons, older
    /// records) cannot reorder the agenda, the minutes or an email.
    /// </summary>
    public static TemplateOptions Options()
    {
        var options = new TemplateOptions
        {
            MemberAccessStrategy = new UnsafeMemberAccessStrategy { MemberNameStrategy = MemberNameStrategies.SnakeCase },
            CultureInfo = Common.Norwegian.Culture,
        };
        options.ValueConverters.Add(value => value is string text && Common.InvisibleCharacters.In(text) ? new Fluid.Values.StringValue(Common.InvisibleCharacters.Without(text)) : null);
        return options;
    }
}
