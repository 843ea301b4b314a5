using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cases;

/// <summary>The receipt a submitter gets: reference, planned meeting, its case deadline, and the status link.</summary>
public sealed class CaseReceipt(CaseLinks links, IOptions<CommunityOptions> community)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static string MessageId(string caseId) => $"case-receipt.{caseId}";

    public EmailMessage Message(CaseRecord c, Body body, Meeting? meeting)
    {
        var statusUrl = links.StatusUrl(c.Id);
        var lines = new List<(string Label, string Value)>
        {
            ("Referanse", c.Reference),
            ("Tittel", c.Title),
            ("Sakstype", CaseLabels.Kind(c.Kind)),
            ("Status", CaseLabels.Status(c.Status)),
            ("Planlagt møte", meeting is null
                ? "Ingen møter med åpen saksfrist er lagt inn ennå. Sekretariatet tar kontakt."
                : $"{Norwegian.LongDate(meeting.Date)} kl. {Norwegian.Time(meeting.Start)}"),
        };
        if (meeting is not null)
        {
            lines.Add(("Saksfrist for møtet", Norwegian.LongDate(CaseDeadline.LastDay(meeting, body.Rules))));
        }

        lines.Add(("Vedlegg", c.Attachments.Count == 0 ? "Ingen" : string.Join(", ", c.Attachments.Select(a => a.FileName))));

        var intro = $"Vi har mottatt saken «{c.Title}» til {body.Name} ({body.ShortName}).";
        const string next = "Sekretariatet vurderer saken og gir deg beskjed når den er satt på sakslisten, eller om den blir sendt videre.";
        var signature = $"Med vennlig hilsen\nSamhandlingssekretariatet\n{community.Value.Name}";

        var text = new StringBuilder()
            .Append("Hei ").Append(c.Submitter.Name).Append(",\n\n")
            .Append(intro).Append("\n\n");
        foreach (var (label, value) in lines)
        {
            text.Append(label).Append(": ").Append(value).Append('\n');
        }

        text.Append("\nFølg saken her: ").Append(statusUrl).Append("\n\n").Append(next).Append("\n\n").Append(signature).Append('\n');

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"nb\"><head><meta charset=\"utf-8\"><title>").Append(Html.Encode($"Kvittering for sak {c.Reference}")).Append("</title></head><body>")
            .Append("<p>Hei ").Append(Html.Encode(c.Submitter.Name)).Append(",</p>")
            .Append("<p>").Append(Html.Encode(intro)).Append("</p><table>");
        foreach (var (label, value) in lines)
        {
            html.Append("<tr><th scope=\"row\" style=\"text-align:left;padding-right:1em\">").Append(Html.Encode(label)).Append("</th><td>").Append(Html.Encode(value)).Append("</td></tr>");
        }

        html.Append("</table><p><a href=\"").Append(Html.Encode(statusUrl)).Append("\">Følg saken</a></p>")
            .Append("<p>").Append(Html.Encode(next)).Append("</p>")
            .Append("<p>").Append(Html.Encode(signature).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p></body></html>");

        return new EmailMessage(
            MessageId(c.Id),
            [new EmailAddress(c.Submitter.Email, c.Submitter.Name)],
            $"Kvittering: sak {c.Reference} – {c.Title}",
            text.ToString(),
            html.ToString(),
            []);
    }
}
