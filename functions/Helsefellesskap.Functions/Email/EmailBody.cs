using System.Text;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Email;

/// <summary>Builds an email's plain-text and HTML bodies together, from the same paragraphs, facts and links.</summary>
public sealed class EmailBody
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder html = new();

    public EmailBody Paragraph(string paragraph)
    {
        text.Append(paragraph).Append("\n\n");
        html.Append("<p>").Append(Html.E(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>");
        return this;
    }

    public EmailBody Facts(IEnumerable<(string Label, string Value)> facts)
    {
        html.Append("<table>");
        foreach (var (label, value) in facts)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
            html.Append("<tr><th scope=\"row\" style=\"text-align:left;padding-right:1em\">").Append(Html.E(label)).Append("</th><td>").Append(Html.E(value)).Append("</td></tr>");
        }

        text.Append('\n');
        html.Append("</table>");
        return this;
    }

    public EmailBody List(IEnumerable<string> items)
    {
        html.Append("<ul>");
        foreach (var item in items)
        {
            text.Append("- ").Append(item).Append('\n');
            html.Append("<li>").Append(Html.E(item)).Append("</li>");
        }

        text.Append('\n');
        html.Append("</ul>");
        return this;
    }

    /// <summary>The secretariat's sign-off, the same on every email.</summary>
    public EmailBody Signature(string communityName) => Paragraph($"Med vennlig hilsen\nSamhandlingssekretariatet\n{communityName}");

    public EmailBody Link(string label, string url)
    {
        text.Append(label).Append(": ").Append(url).Append("\n\n");
        html.Append("<p><a href=\"").Append(Html.E(url)).Append("\">").Append(Html.E(label)).Append("</a></p>");
        return this;
    }

    public EmailMessage Message(string id, EmailAddress to, string subject, IReadOnlyList<EmailAttachment>? attachments = null) =>
        new(id, [to], subject, text.ToString().TrimEnd() + "\n",
            $"<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>{Html.E(subject)}</title></head><body>{html}</body></html>",
            attachments ?? []);
}
