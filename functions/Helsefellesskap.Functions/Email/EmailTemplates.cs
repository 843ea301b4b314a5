using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Values;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Common;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Email;

/// <summary>One email's template (templates/emails/NAME.md.liquid) and the model it reads.</summary>
public sealed record EmailTemplate<TModel>(string Name)
    where TModel : class
{
    public string FileName => $"{Name}.md.liquid";
}

/// <summary>
/// The emails of templates/emails, parsed once at start (an error names the template, line and column).
/// A template is Liquid producing Markdown: its first line is "Emne: …" (the subject), the rest is the
/// body. The Markdown is the plain-text part; the HTML part is the same Markdown rendered and put in the
/// email layout. Printed values are escaped, so nothing a submitter typed becomes a link or markup.
/// </summary>
public sealed class EmailTemplates
{
    public const string Layout = "layout.html.liquid";
    private const string SubjectPrefix = "Emne:";
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly Dictionary<string, IFluidTemplate> templates = new(StringComparer.Ordinal);
    private readonly TemplateOptions options;
    private readonly MarkdownToHtml markdown;
    private readonly string community;

    public EmailTemplates(IOptions<DocumentOptions> settings, IOptions<CommunityOptions> community, MarkdownToHtml markdown)
    {
        this.markdown = markdown;
        this.community = community.Value.Name;
        Folder = Path.Combine(settings.Value.ResolveTemplatesPath(), "emails");
        foreach (var name in All.Select(t => t.FileName).Append(Layout))
        {
            templates[name] = Liquid.Parse(Liquid.Parser, Folder, name);
            if (name != Layout && !File.ReadLines(Path.Combine(Folder, name)).First().StartsWith(SubjectPrefix, StringComparison.Ordinal))
            {
                throw new TemplateException($"Template '{name}' must begin with a line '{SubjectPrefix} …' (the subject).");
            }
        }

        options = Liquid.Options();
        options.FileProvider = new PhysicalFileProvider(Folder);

        // An address printed as it is (a URL only; anything else is escaped like every other value).
        // A text someone wrote over several lines (a change request): each line escaped, the line breaks kept.
        options.Filters.AddFilter("lines", (input, _, _) => new ValueTask<FluidValue>(new StringValue(
            string.Join('\n', input.ToStringValue().ReplaceLineEndings("\n").Split('\n').Select(line => MarkdownTextEncoder.Email.Encode(line.TrimEnd()))), encode: false)));
        options.Filters.AddFilter("url", (input, _, _) =>
        {
            var url = input.ToStringValue();
            var isUrl = Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && !url.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '(' or ')');
            return new ValueTask<FluidValue>(new StringValue(url, encode: !isUrl));
        });
    }

    /// <summary>Every email the app sends, with the type of its model.</summary>
    public static IReadOnlyList<(string Name, string FileName, Type Model)> All { get; } = typeof(Emails)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType.IsGenericType && f.FieldType.GetGenericTypeDefinition() == typeof(EmailTemplate<>))
        .Select(f => f.GetValue(null) switch
        {
            { } t => ((string)f.FieldType.GetProperty(nameof(EmailTemplate<object>.Name))!.GetValue(t)!, (string)f.FieldType.GetProperty(nameof(EmailTemplate<object>.FileName))!.GetValue(t)!, f.FieldType.GetGenericArguments()[0]),
            null => throw new InvalidOperationException(f.Name),
        })
        .ToList();

    public string Folder { get; }

    /// <summary>The message to one recipient under its outbox id (<see cref="MessageIds"/>).</summary>
    public async Task<EmailMessage> Compose<TModel>(EmailTemplate<TModel> template, string id, EmailAddress to, TModel model, IReadOnlyList<EmailAttachment>? attachments = null)
        where TModel : class
    {
        var (subject, text, html) = await Render(template.FileName, model);
        return new EmailMessage(id, [to], subject, text, html, attachments ?? []);
    }

    /// <summary>Subject, plain text (the Markdown) and HTML of one email.</summary>
    public async Task<(string Subject, string Text, string Html)> Render(string fileName, object model)
    {
        var context = new TemplateContext(model, options);
        context.SetValue("community", community);
        var rendered = (await templates[fileName].RenderAsync(context, MarkdownTextEncoder.Email)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var firstBreak = rendered.IndexOf('\n', StringComparison.Ordinal);
        var subject = MarkdownTextEncoder.UnescapeEmail(rendered[SubjectPrefix.Length..(firstBreak < 0 ? rendered.Length : firstBreak)].Trim());
        var text = (firstBreak < 0 ? "" : rendered[(firstBreak + 1)..]).Trim() + "\n";
        var layout = new TemplateContext(new { Subject = subject, Content = markdown.RenderEmail(text) }, options);
        var html = await templates[Layout].RenderAsync(layout, Html);
        return (subject, text, html);
    }
}
