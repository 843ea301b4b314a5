using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
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

        if (c.Content.PreferredMeetingDate is { } wanted && meeting?.Date != wanted)
        {
            facts.Add(new("Ønsket møte", MissedWish(wanted, c.ReceivedAt, body.Rules, meeting)));
        }

        facts.Add(new("Vedlegg", c.Attachments.Count == 0 ? "Ingen" : string.Join(", ", c.Attachments.Select(a => a.FileName))));
        return emails.Compose(Emails.CaseReceipt, MessageIds.CaseReceipt(c.Id), new EmailAddress(c.Submitter.Email, c.Submitter.Name),
            new CaseReceiptEmail(c.Submitter.Name, BodyView.Of(body), c.Reference, c.Title, facts, links.StatusUrl(c.Id)));
    }

    /// <summary>Why the case did not go to the meeting the submitter asked for, and where it went.</summary>
    public static string MissedWish(DateOnly wanted, DateTimeOffset received, BodyRules rules, Meeting? meeting)
    {
        var deadline = wanted.AddDays(-rules.CaseDeadlineDays);
        var where = meeting is null ? "Sekretariatet tar kontakt om hvilket møte den kan gå til." : $"Saken er meldt til møtet {Norwegian.LongDate(meeting.Date)}.";
        return Oslo.IsOnOrBefore(received, deadline)
            ? $"Det er ikke noe åpent møte {Norwegian.LongDate(wanted)}. {where}"
            : $"Saksfristen for møtet {Norwegian.LongDate(wanted)} var {Norwegian.LongDate(deadline)}, og saken kom etter fristen. {where} Haster saken, kan du be sekretariatet ta den opp som hastesak.";
    }
}
