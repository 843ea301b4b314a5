using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Publication;

/// <summary>A correction of approved minutes republished (docs/adr/0020-the-approved-record-is-immutable.md).</summary>
public sealed partial class Publisher
{
    /// <summary>
    /// Republishes corrected minutes at the same public address, the version it replaces kept and listed beside it;
    /// the full version (exempt parts included) stored as a new version for the members and the archive; each member
    /// and deputy gets the corrected minutes and each partner's web editor is told (recorded in the outbox, sent by the
    /// caller). Null when the minutes were never published or have no correction.
    /// </summary>
    public async Task<(PublishedCorrection Correction, IReadOnlyList<string> Messages)?> Republish(Meeting meeting, Body body, CancellationToken ct)
    {
        var state = await minutes.Get(meeting.Id, ct);
        if (state.PublishedUrl is null || state.AllCorrections is not [.., var correction])
        {
            return null;
        }

        var agenda = (await agendas.Agenda(meeting.Id, ct))!;
        var folder = Folder(meeting, body);
        var fileUrls = await PublicFiles(state, agenda, folder, ct);
        var info = new DocumentInfo($"Referat – {body.ShortName} {Norwegian.ShortDate(meeting.Date)} (rettet)", community.Value.Name, $"Referat fra møte i {body.Name}, rettet {Norwegian.ShortDate(Oslo.DateOf(correction.At))}",
            $"{body.Name} · møte {Norwegian.ShortDate(meeting.Date)}");
        var (_, rendered, full) = await RenderMinutes(agenda, state, fileUrls, info, ct);
        var (_, earlierUrl) = await publications.Replace($"{folder}/referat", rendered.Pdf, rendered.SourceSha256, correction.Version - 1, ct);
        var (stored, throughLink) = await MembersMinutes(folder, body, agenda, full, rendered, ct);

        var published = (await publications.List(body.Code, ct)).FirstOrDefault(p => p.MeetingId == meeting.Id.Value)
            ?? throw new InvalidOperationException($"The minutes of {meeting.Id} are published but have no publication row.");
        var kept = new PublishedCorrection(correction.Version, correction.At, correction.Reason, earlierUrl);
        // Every email is recorded before the publication row lists the correction: a run that dies half-way owes nobody a message.
        var ids = new List<string>();
        var corrected = Norwegian.LongDate(Oslo.DateOf(correction.At));
        foreach (var member in (await meetings.Roster(meeting, ct)).Where(m => m.ReceivesExemptPapers))
        {
            var link = throughLink ? fullMinutes.For(meeting, member.Id) : null;
            var message = await emails.Compose(Emails.MinutesCorrected, MessageIds.MinutesCorrected(meeting.Id, correction.Version, member.Id), new EmailAddress(member.Email, member.Name),
                new MinutesCorrectedEmail(member.Name, BodyView.Of(body), MeetingView.Of(meeting), correction.Version, corrected, correction.Reason, state.PublishedUrl, earlierUrl,
                    link?.Url, link?.LastDay),
                [new EmailAttachment("referat.pdf", "application/pdf", DocumentStore.Container, stored.BlobName)]);
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        foreach (var (contact, n) in community.Value.WebContacts.Select((c, n) => (c, n)))
        {
            var message = await emails.Compose(Emails.MinutesCorrected, MessageIds.MinutesCorrected(meeting.Id, correction.Version, $"nett{n}"), new EmailAddress(contact),
                new MinutesCorrectedEmail(null, BodyView.Of(body), MeetingView.Of(meeting), correction.Version, corrected, correction.Reason, state.PublishedUrl, earlierUrl));
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        await publications.Save(body.Code, published with { Corrections = [.. (published.Corrections ?? []).Where(c => c.Version != kept.Version), kept] }, ct);
        return (kept, ids);
    }
}
