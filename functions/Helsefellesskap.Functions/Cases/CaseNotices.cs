using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// What the submitter and the secretariat are told as a case goes its way: placed on a frozen agenda
/// (number, meeting, date), what was decided once the minutes are approved, and — to the secretariat — a
/// new case, at once or in the morning's digest (<see cref="SecretariatOptions.NewCases"/>). Each notice
/// has its outbox id, so recording it again sends nothing twice.
/// </summary>
public sealed class CaseNotices(CaseLinks links, CaseStore cases, MeetingStore meetings, EmailTemplates emails, EmailOutbox outbox, IOptions<SecretariatOptions> secretariat, TimeProvider clock)
{
    public async Task Placed(CaseRecord c, string label, Body body, Meeting meeting, CancellationToken ct) =>
        await outbox.Record(await emails.Compose(Emails.CasePlaced, MessageIds.CasePlaced(c.Id, meeting.Id), Submitter(c),
            new CasePlacedEmail(c.Submitter.Name, c.Title, c.Reference, label, BodyView.Of(body), MeetingView.Of(meeting), links.StatusUrl(c.Id))), ct);

    public Task<EmailMessage> Treated(CaseRecord c, string label, Body body, Meeting meeting, string heading, string text, string? result, string? minutesUrl) =>
        emails.Compose(Emails.CaseTreated, MessageIds.CaseTreated(c.Id, meeting.Id), Submitter(c),
            new CaseTreatedEmail(c.Submitter.Name, c.Title, c.Reference, label, BodyView.Of(body), MeetingView.Of(meeting), heading, text, result, minutesUrl, links.StatusUrl(c.Id)));

    /// <summary>
    /// The secretariat hears of new cases now, when it asked for each: one notice, sent with the receipts, for the cases
    /// that came in together (one alone as a rule; many in a rush, listed in one email rather than one each), under the
    /// first one's id; null when it asked for a digest, or for none.
    /// </summary>
    public async Task<EmailMessage?> Received(IReadOnlyList<(CaseRecord Case, Body Body, Meeting? Meeting)> received) =>
        secretariat.Value.NewCases == NewCaseNotices.Each && received.Count > 0
            ? await emails.Compose(Emails.NewCase, MessageIds.NewCase(received[0].Case.Id), EmailAddress.Secretariat(secretariat.Value),
                new NewCaseEmail(null, [.. received.Select(r => Line(r.Case, r.Body, r.Meeting))]))
            : null;

    /// <summary>When the secretariat asked for a digest: from 07:00, yesterday's new cases in one email (none when none came).</summary>
    public async Task<bool> Digest(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var day = Oslo.DateOf(now).AddDays(-1);
        var id = MessageIds.NewCaseDigest(day);
        if (secretariat.Value.NewCases != NewCaseNotices.Daily || now < Oslo.At(day.AddDays(1), new TimeOnly(7, 0)) || await outbox.StateOf(id, ct) is not null)
        {
            return false;
        }

        var lines = new List<NewCaseLineView>();
        foreach (var c in (await cases.ReceivedOn(day, ct)).OrderBy(c => c.ReceivedAt))
        {
            if (await meetings.FindBody(c.Body, ct) is { } body)
            {
                lines.Add(Line(c, body, c.MeetingId is null ? null : await meetings.FindMeeting(c.MeetingId, ct)));
            }
        }

        return lines.Count > 0 && await outbox.Record(await emails.Compose(Emails.NewCase, id, EmailAddress.Secretariat(secretariat.Value), new NewCaseEmail(Norwegian.LongDate(day), lines)), ct);
    }

    private NewCaseLineView Line(CaseRecord c, Body body, Meeting? meeting) =>
        new(c.Reference, c.Title, c.From, body.ShortName, meeting is null ? "uten møte" : $"møtet {Norwegian.ShortDate(meeting.Date)}", links.SecretariatUrl(c.Id));

    private static EmailAddress Submitter(CaseRecord c) => new(c.Submitter.Email, c.Submitter.Name);
}
