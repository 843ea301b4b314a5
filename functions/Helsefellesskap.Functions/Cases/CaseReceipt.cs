using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cases;

/// <summary>The receipt a submitter gets: reference, planned meeting, its case deadline, and the status link.</summary>
public sealed class CaseReceipt(CaseLinks links, EmailTemplates emails)
{
    public Task<EmailMessage> Message(CaseRecord c, Body body, Meeting? meeting)
    {
        var facts = new List<FactView>
        {
            new("Referanse", c.Reference),
            new("Tittel", c.Title),
            new("Sakstype", CaseLabels.Kind(c.Kind)),
            new("Status", CaseLabels.Status(c.Status)),
            new("Planlagt møte", meeting is null
                ? "Ingen møter med åpen saksfrist er lagt inn ennå. Sekretariatet tar kontakt."
                : $"{Norwegian.LongDate(meeting.Date)} kl. {Norwegian.Time(meeting.Start)}"),
        };
        if (meeting is not null)
        {
            facts.Add(new("Saksfrist for møtet", Norwegian.LongDate(CaseDeadline.LastDay(meeting, body.Rules))));
        }

        facts.Add(new("Vedlegg", c.Attachments.Count == 0 ? "Ingen" : string.Join(", ", c.Attachments.Select(a => a.FileName))));
        return emails.Compose(Emails.CaseReceipt, MessageIds.CaseReceipt(c.Id), new EmailAddress(c.Submitter.Email, c.Submitter.Name),
            new CaseReceiptEmail(c.Submitter.Name, MeetingPapers.BodyView(body), c.Reference, c.Title, facts, links.StatusUrl(c.Id)));
    }
}
