using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cases;

/// <summary>The receipt a submitter gets: reference, planned meeting, its case deadline, and the status link.</summary>
public sealed class CaseReceipt(CaseLinks links, IOptions<CommunityOptions> community)
{
    public static string MessageId(string caseId) => $"case-receipt.{caseId}";

    public EmailMessage Message(CaseRecord c, Body body, Meeting? meeting)
    {
        var facts = new List<(string Label, string Value)>
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
            facts.Add(("Saksfrist for møtet", Norwegian.LongDate(CaseDeadline.LastDay(meeting, body.Rules))));
        }

        facts.Add(("Vedlegg", c.Attachments.Count == 0 ? "Ingen" : string.Join(", ", c.Attachments.Select(a => a.FileName))));

        return new EmailBody()
            .Paragraph($"Hei {c.Submitter.Name},")
            .Paragraph($"Vi har mottatt saken «{c.Title}» til {body.Name} ({body.ShortName}).")
            .Facts(facts)
            .Link("Følg saken her", links.StatusUrl(c.Id))
            .Paragraph("Sekretariatet vurderer saken og gir deg beskjed når den er satt på sakslisten, eller om den blir sendt videre.")
            .Signature(community.Value.Name)
            .Message(MessageId(c.Id), new EmailAddress(c.Submitter.Email, c.Submitter.Name), $"Kvittering: sak {c.Reference} – {c.Title}");
    }
}
