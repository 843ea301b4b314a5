using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// The draft minutes on their way to approval: sent to those who attended with a personal link to ask
/// for changes; a change request stops approval by silence until the secretariat approves a corrected
/// version or sends a new draft (a new window of working days).
/// </summary>
public sealed class DraftCirculation(
    MinutesStore store,
    MinutesDocument document,
    MeetingStore meetings,
    DocumentRenderer renderer,
    DocumentStore documents,
    EmailOutbox outbox,
    EmailTemplates emails,
    SignedLinks links,
    FullMinutes full,
    IOptions<CommunityOptions> community,
    IOptions<SecretariatOptions> secretariat,
    TimeProvider clock)
{
    /// <summary>
    /// Sends the draft (or a new version of it) to every member and deputy, and to the others who attended:
    /// those who took part each with a personal link to ask for changes, absent members for their information.
    /// </summary>
    /// <param name="firstOnly">
    /// The cycle's draft step: only the first version. Run again, or by several requests at once (an outcome recorded
    /// thrice at once each brings the step forward), it answers with that version's outbox ids, which the outbox keeps
    /// once; it renders and records them again only if one is missing (a run cut off while recording), so the draft's
    /// file is not written again under a send that attaches it. A new version is the secretariat's (<see cref="SecretariatMinutes"/>).
    /// </param>
    public async Task<(IReadOnlyList<string> Messages, DateOnly ApprovalDeadline)?> SendDraft(Meeting meeting, Body body, CancellationToken ct, bool firstOnly = false)
    {
        if ((await store.Get(meeting.Id, ct)).Outcome is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var deadline = WorkingDays.After(Oslo.DateOf(now), body.Rules.MinutesApprovalWorkingDays);
        var bumped = false;
        var state = await store.Change(meeting.Id, s =>
        {
            bumped = !(firstOnly && s.DraftVersion > 0);
            return bumped ? s with { DraftVersion = s.DraftVersion + 1, DraftSentAt = now, ApprovalDeadline = deadline } : s;
        }, ct);
        deadline = state.ApprovalDeadline ?? deadline;
        var members = await meetings.Roster(meeting, ct);
        var present = state.Outcome!.Present.ToHashSet();
        var recipients = members.Where(m => m.ReceivesExemptPapers || present.Contains(m.Id)).ToList();
        if (!bumped)
        {
            var earlier = recipients.Select(m => MessageIds.MinutesDraft(state.DraftVersion, meeting.Id, m.Id)).ToList();
            var recorded = true;
            foreach (var id in earlier)
            {
                recorded &= await outbox.StateOf(id, ct) is not null;
            }

            if (recorded)
            {
                return (earlier, deadline);
            }
        }

        var (model, rendered) = await RenderDraft(meeting, body, forPublic: false, ct);
        var stored = await documents.Save($"{Slug.Of(community.Value.Name)}/{body.Code}/{meeting.Date.Year}/{meeting.Id}/referat-utkast", rendered.Pdf, rendered.SourceSha256, ct);

        var ids = new List<string>();

        // Observers and speaking-right participants read the draft without what is exempt; members and deputies too in
        // the email, with the full draft through their personal link, unless the body attaches it (FullMinutes).
        var restricted = stored;
        var hasExempt = model.Items.Any(i => i.Exempt is not null);
        var throughLink = FullMinutes.ThroughLink(body.Rules, hasExempt);
        if (hasExempt && (throughLink || recipients.Any(m => !m.ReceivesExemptPapers)))
        {
            var (_, publicDraft) = await RenderDraft(meeting, body, forPublic: true, ct);
            restricted = await documents.Save($"{Slug.Of(community.Value.Name)}/{body.Code}/{meeting.Date.Year}/{meeting.Id}/referat-utkast-begrenset", publicDraft.Pdf, publicDraft.SourceSha256, ct);
        }

        foreach (var member in recipients)
        {
            var draft = member.ReceivesExemptPapers && !throughLink ? stored : restricted;
            var link = member.ReceivesExemptPapers && throughLink ? full.For(meeting, member.Id) : null;
            var changeUrl = present.Contains(member.Id) ? ChangeUrl(meeting.Id, member.Id, deadline) : null;
            var message = await emails.Compose(Emails.MinutesDraft, MessageIds.MinutesDraft(state.DraftVersion, meeting.Id, member.Id), new EmailAddress(member.Email, member.Name),
                new MinutesDraftEmail(member.Name, BodyView.Of(body), MeetingView.Of(meeting), Norwegian.LongDate(deadline), Norwegian.ShortDate(deadline), body.Rules.MinutesApprovalWorkingDays, changeUrl,
                    link?.Url, link?.LastDay),
                [new EmailAttachment("utkast-til-referat.pdf", "application/pdf", DocumentStore.Container, draft.BlobName)]);
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        return (ids, deadline);
    }

    /// <summary>The draft as it would be sent now (nothing stored or sent): for the secretariat to read first.</summary>
    public async Task<byte[]?> Preview(Meeting meeting, Body body, CancellationToken ct) =>
        (await store.Get(meeting.Id, ct)).Outcome is null ? null : (await RenderDraft(meeting, body, forPublic: false, ct)).Rendered.Pdf;

    private async Task<(MinutesModel Model, RenderedDocument Rendered)> RenderDraft(Meeting meeting, Body body, bool forPublic, CancellationToken ct)
    {
        var model = (await document.Build(meeting.Id, draft: true, forPublic, ct))!;
        var info = new DocumentInfo($"Utkast til referat – {body.ShortName} {Norwegian.ShortDate(meeting.Date)}", community.Value.Name, "Utkast til referat", $"{body.Name} · møte {Norwegian.ShortDate(meeting.Date)}", Draft: true);
        return (model, await renderer.Render(DocumentTemplates.Minutes, model, info, ct));
    }

    public string ChangeUrl(MeetingId meetingId, string memberId, DateOnly deadline) =>
        links.Absolute($"/api/referat/{Uri.EscapeDataString(meetingId.Value)}/{Uri.EscapeDataString(memberId)}?token={links.Token("minutes-change", $"{meetingId}|{memberId}")}");

    public bool IsValidChangeLink(MeetingId meetingId, string memberId, string? token) => links.IsValid("minutes-change", $"{meetingId}|{memberId}", token);

    /// <summary>How long after the approval a change link still opens (to say that the minutes are approved).</summary>
    public const int ChangeLinkDaysAfterApproval = 30;

    /// <summary>A change link carries no date (links already sent keep their form); it stops working 30 days after the minutes are approved.</summary>
    public static bool ChangeLinkHasExpired(MinutesState state, DateTimeOffset now) =>
        state.ApprovedAt is { } approved && Oslo.DateOf(now) > Oslo.DateOf(approved).AddDays(ChangeLinkDaysAfterApproval);

    /// <summary>A participant asks for changes: recorded, and the secretariat is told; the approval waits for the secretariat.</summary>
    public async Task<bool> RequestChange(MeetingId meetingId, string memberId, string text, CancellationToken ct)
    {
        var state = await store.Get(meetingId, ct);
        if (state.DraftSentAt is null || state.ApprovedAt is not null || state.Outcome?.Present.Contains(memberId) != true)
        {
            return false;
        }

        await store.Change(meetingId, s => s with { ChangeRequests = [.. s.ChangeRequests, new ChangeRequest(memberId, text, clock.GetUtcNow())] }, ct);
        var who = await meetings.FindMember(meetingId.Body, memberId, ct) is { } m ? $"{m.Name} ({m.Organisation})" : memberId;
        await outbox.Enqueue(await emails.Compose(Emails.MinutesChange, MessageIds.MinutesChange(meetingId, memberId, state.DraftVersion, state.ChangeRequests.Count), EmailAddress.Secretariat(secretariat.Value),
            new MinutesChangeEmail(meetingId.Value, state.DraftVersion, text, who)), ct);
        return true;
    }

    public Task<MinutesState> State(MeetingId meetingId, CancellationToken ct) => store.Get(meetingId, ct);

    public Task<MinutesState> Approve(MeetingId meetingId, string by, CancellationToken ct) =>
        store.Change(meetingId, s => s.ApprovedAt is null ? s with { ApprovedAt = clock.GetUtcNow(), ApprovedBy = by } : s, ct);

}
