using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Publication;

/// <summary>
/// Publishes a meeting's public papers at the summons, and approved minutes: the public version (exempt parts left out) at a stable address, the
/// agenda and the public case papers beside it, the body's publication list, and the partners' web
/// editors told. Publishing again after a crash finds what was stored and keeps the addresses.
/// </summary>
public sealed partial class Publisher(
    MinutesStore minutes,
    MeetingStore meetings,
    DocumentStore documents,
    Cases.CaseNotices notices,
    MinutesDocument document,
    AgendaService agendas,
    MeetingPapers papers,
    DocumentRenderer renderer,
    PublicationStore publications,
    EmailOutbox outbox,
    EmailTemplates emails,
    FullMinutes fullMinutes,
    IOptions<CommunityOptions> community,
    TimeProvider clock)
{
    /// <summary>
    /// At the summons, as the municipal portals do: the public agenda and the public case papers, at the
    /// addresses the minutes' publication keeps (the same documents give the same blobs).
    /// </summary>
    public async Task PublishPapers(MeetingAgenda agenda, CancellationToken ct)
    {
        var (meeting, body) = (agenda.Meeting, agenda.Body);
        if ((await publications.List(body.Code, ct)).Any(p => p.MeetingId == meeting.Id.Value && p.MinutesUrl is not null))
        {
            return;
        }

        var (agendaUrl, casePapers) = await PublicPapers(agenda, ct);
        await publications.Save(body.Code, new Published(meeting.Id.Value, meeting.Date, null, agendaUrl, clock.GetUtcNow(), casePapers), ct);
    }

    private string Folder(Meeting meeting, Body body) => DocumentStore.MeetingFolder(community.Value.Name, body, meeting);

    /// <summary>The summons and agenda without what is exempt, and each case paper that is public (an exempt one named by its public title and basis).</summary>
    private async Task<(string AgendaUrl, List<PublishedPaper> CasePapers)> PublicPapers(MeetingAgenda agenda, CancellationToken ct)
    {
        var body = agenda.Body;
        var folder = Folder(agenda.Meeting, body);
        var summons = await papers.Summons(agenda, ct, restricted: true);
        var agendaUrl = await publications.Put($"{folder}/innkalling", summons.Content, summons.Sha256, ct);
        var casePapers = new List<PublishedPaper>();
        foreach (var item in agenda.Items.Where(i => i.CaseId is not null))
        {
            var c = agenda.Cases.First(x => x.Id == item.CaseId);
            var label = $"Sak {item.Label} {c.PublicTitle}";
            if (c.WhollyExempt)
            {
                casePapers.Add(new PublishedPaper(label, null, c.Exemption!.Notice));
            }
            else if (body.Rules.PublishesCasePapers && await papers.CasePaper(c, agenda, ct, restricted: true) is { } paper)
            {
                casePapers.Add(new PublishedPaper(label, await publications.Put($"{folder}/sak-{item.Number:00}", paper.Content, paper.Sha256, ct), null));
            }
        }

        return (agendaUrl, casePapers);
    }

    /// <summary>
    /// Publishes approved minutes (the public version, with the public files added after the meeting), and
    /// sends the approved minutes to every member and deputy, each submitter what was decided on their
    /// case, and the partners' web editors the address. Every email is recorded before the minutes are
    /// marked published, so a publication that dies half-way owes nobody a message.
    /// </summary>
    public async Task<(string Url, IReadOnlyList<string> Messages)?> Publish(Meeting meeting, Body body, CancellationToken ct)
    {
        var state = await minutes.Get(meeting.Id, ct);
        if (state.ApprovedAt is null)
        {
            return null;
        }

        if (state.PublishedUrl is not null)
        {
            return (state.PublishedUrl, []);
        }

        var agenda = (await agendas.Agenda(meeting.Id, ct))!;
        var folder = Folder(meeting, body);
        var fileUrls = await PublicFiles(state, agenda, folder, ct);
        var info = new DocumentInfo($"Referat – {body.ShortName} {Norwegian.ShortDate(meeting.Date)}", community.Value.Name, $"Referat fra møte i {body.Name}", $"{body.Name} · møte {Norwegian.ShortDate(meeting.Date)}");
        var (model, rendered, full) = await RenderMinutes(agenda, state, fileUrls, info, ct);
        var minutesUrl = await publications.Put($"{folder}/referat", rendered.Pdf, rendered.SourceSha256, ct);
        var (agendaUrl, casePapers) = await PublicPapers(agenda, ct);

        var ids = new List<string>();
        async Task Record(Task<EmailMessage> compose)
        {
            var message = await compose;
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        // Members and deputies get the approved minutes: in full (exempt parts included) through their personal link with
        // the public version attached, or in full attached where the body chose so or nothing is exempt (FullMinutes).
        var (stored, throughLink) = await MembersMinutes(folder, body, agenda, full, rendered, ct);
        foreach (var member in (await meetings.Roster(meeting, ct)).Where(m => m.ReceivesExemptPapers))
        {
            var link = throughLink ? fullMinutes.For(meeting, member.Id) : null;
            await Record(emails.Compose(Emails.MinutesApproved, MessageIds.MinutesApproved(meeting.Id, member.Id), new EmailAddress(member.Email, member.Name),
                new MinutesApprovedEmail(member.Name, BodyView.Of(body), MeetingView.Of(meeting), model.Approval ?? "", minutesUrl, link?.Url, link?.LastDay),
                [new EmailAttachment("referat.pdf", "application/pdf", DocumentStore.Container, stored.BlobName)]));
        }

        // Each submitter: what was decided, as the public minutes say it.
        foreach (var item in model.Items.Zip(agenda.Items).Where(p => p.Second.CaseId is not null))
        {
            var c = agenda.Cases.First(x => x.Id == item.Second.CaseId);
            await Record(notices.Treated(c with { Content = c.Content with { Title = c.PublicTitle } }, item.Second.Label, body, meeting, item.First.Heading ?? "Utfall", item.First.Text, item.First.Result, minutesUrl));
        }

        foreach (var (contact, n) in community.Value.WebContacts.Select((c, n) => (c, n)))
        {
            await Record(emails.Compose(Emails.Published, MessageIds.Published(meeting.Id, n), new EmailAddress(contact),
                new PublishedEmail(BodyView.Of(body), MeetingView.Of(meeting), minutesUrl)));
        }

        var now = clock.GetUtcNow();
        await publications.Save(body.Code, new Published(meeting.Id.Value, meeting.Date, minutesUrl, agendaUrl, now, casePapers), ct);
        await minutes.Change(meeting.Id, s => s with { PublishedAt = now, PublishedUrl = minutesUrl }, ct);
        return (minutesUrl, ids);
    }

    /// <summary>
    /// The minutes as the public reads them (its model too), and in full (exempt parts included) for the members and the
    /// archive: the same document when the meeting had nothing exempt.
    /// </summary>
    /// <summary>
    /// The minutes in full stored (the personal link reads them), and what members and deputies get attached: the public
    /// version when the full one goes through the link, else the full one.
    /// </summary>
    private async Task<(StoredDocument Attached, bool ThroughLink)> MembersMinutes(string folder, Body body, MeetingAgenda agenda, RenderedDocument full, RenderedDocument rendered, CancellationToken ct)
    {
        var stored = await documents.Save($"{folder}/referat", full.Pdf, full.SourceSha256, ct);
        var throughLink = FullMinutes.ThroughLink(body.Rules, MeetingPapers.HasExempt(agenda));
        return throughLink ? (await documents.Save($"{folder}/referat-offentlig", rendered.Pdf, rendered.SourceSha256, ct), true) : (stored, false);
    }

    private async Task<(MinutesModel PublicModel, RenderedDocument Public, RenderedDocument Full)> RenderMinutes(MeetingAgenda agenda, Minutes.MinutesState state,
        IReadOnlyDictionary<int, string> fileUrls, DocumentInfo info, CancellationToken ct)
    {
        var model = (await document.Build(agenda, state, draft: false, forPublic: true, ct, fileUrls))!;
        var rendered = await renderer.Render(DocumentTemplates.Minutes, model, info, ct);
        var full = MeetingPapers.HasExempt(agenda) ? await renderer.Render(DocumentTemplates.Minutes, (await document.Build(agenda, state, draft: false, forPublic: false, ct, fileUrls))!, info, ct) : rendered;
        return (model, rendered, full);
    }

    /// <summary>The files added after the meeting that the public may read (none of an exempt case), each at its own address beside the minutes.</summary>
    private async Task<Dictionary<int, string>> PublicFiles(MinutesState state, MeetingAgenda agenda, string folder, CancellationToken ct)
    {
        var urls = new Dictionary<int, string>();
        foreach (var file in state.AddedFiles.Where(f => f.CaseId is null || agenda.Cases.FirstOrDefault(c => c.Id == f.CaseId)?.WhollyExempt != true))
        {
            urls[file.Index] = await publications.PutFile($"{folder}/vedlegg-{file.Index:00}-{Slug.Of(Path.GetFileNameWithoutExtension(file.FileName))}{Path.GetExtension(file.FileName).ToLowerInvariant()}",
                file.BlobName, file.ContentType, ct);
        }

        return urls;
    }
}
