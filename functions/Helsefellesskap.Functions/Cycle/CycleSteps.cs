using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>
/// What a step did, and the emails it recorded in the outbox (sent once the step is committed).
/// <see cref="RetryAt"/>: the step could not finish yet (no outcome recorded, a change request open) and
/// is tried again then. <see cref="Replan"/>: later steps whose time follows from this one.
/// </summary>
public sealed record StepResult(string Outcome, IReadOnlyList<string> Messages, DateTimeOffset? RetryAt = null, IReadOnlyDictionary<CycleStep, DateTimeOffset>? Replan = null);

/// <summary>
/// The work of each step. Every step can run again without harm: its emails have deterministic outbox
/// ids (step, meeting, recipient), so a step repeated after a crash or by a racing ticker records
/// nothing new, and the outbox sends each message once.
/// </summary>
public sealed partial class CycleSteps(
    MeetingStore meetings,
    AgendaService agendas,
    MeetingPapers papers,
    EmailOutbox outbox,
    MeetingLinks links,
    SignedLinks signed,
    IOptions<SecretariatOptions> secretariat,
    IOptions<CommunityOptions> community,
    IOptions<EmailOptions> email,
    EmailTemplates emails,
    Minutes.DraftCirculation minutes,
    Publication.Publisher publisher,
    TimeProvider clock)
{
    /// <summary>The packet goes as an attachment up to this size; a larger one as a personal link.</summary>
    public const long MaxAttachedPacketBytes = 10L * 1024 * 1024;

    /// <param name="now">The tick's instant: steps plan from it, so a step re-planned "at once" is due in the same tick.</param>
    public Task<StepResult> Run(CycleStep step, Meeting meeting, Body body, DateTimeOffset now, CancellationToken ct) => step switch
    {
        CycleStep.DeadlineReminder => Reminder(meeting, body, ct),
        CycleStep.CaseDeadline => Deadline(meeting, body, ct),
        CycleStep.FreezeCheck => FreezeCheck(meeting, body, ct),
        CycleStep.Summons => Summons(meeting, body, ct),
        CycleStep.MinutesDraft => MinutesDraft(meeting, body, now, ct),
        CycleStep.Approval => Approval(meeting, now, ct),
        CycleStep.Publication => Publication(meeting, body, now, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    private async Task<StepResult> MinutesDraft(Meeting meeting, Body body, DateTimeOffset now, CancellationToken ct)
    {
        var sent = await minutes.SendDraft(meeting, body, ct, firstOnly: true);
        if (sent is null)
        {
            var latest = Minutes.MeetingRules.LatestDraftDay(meeting, body.Rules);
            var waiting = await emails.Compose(Emails.MinutesWaiting, MessageIds.MinutesWaiting(meeting.Id), Secretariat(),
                new MinutesWaitingEmail(BodyView.Of(body), MeetingView.Of(meeting), meeting.Id.Value, latest is { } day ? Norwegian.LongDate(day) : null));
            await outbox.Record(waiting, ct);
            return new StepResult("Venter på at møteutfallet registreres", [waiting.Id], RetryAt: now.AddHours(1));
        }

        return new StepResult($"Utkast sendt til {sent.Value.Messages.Count} deltakere; godkjent uten merknader innen {Norwegian.LongDate(sent.Value.ApprovalDeadline)}", sent.Value.Messages,
            Replan: new Dictionary<CycleStep, DateTimeOffset> { [CycleStep.Approval] = Oslo.StartOfDay(sent.Value.ApprovalDeadline.AddDays(1)) });
    }

    private async Task<StepResult> Approval(Meeting meeting, DateTimeOffset now, CancellationToken ct)
    {
        var publishNow = new Dictionary<CycleStep, DateTimeOffset> { [CycleStep.Publication] = now };
        var state = await minutes.State(meeting.Id, ct);
        if (state.ApprovedAt is not null)
        {
            return new StepResult($"Godkjent av {state.ApprovedBy}", [], Replan: publishNow);
        }

        if (state.OpenRequests.Count > 0)
        {
            return new StepResult($"Venter på sekretariatet: {state.OpenRequests.Count} endringsønsker", [], RetryAt: now.AddHours(1));
        }

        if (state.ApprovalDeadline is not { } deadline || Oslo.IsOnOrBefore(now, deadline))
        {
            return new StepResult("Merknadsfristen løper", [], RetryAt: state.ApprovalDeadline is { } d ? Oslo.StartOfDay(d.AddDays(1)) : now.AddHours(1));
        }

        await minutes.Approve(meeting.Id, Minutes.MinutesState.BySilence, ct);
        return new StepResult($"Godkjent uten merknader innen {Norwegian.LongDate(deadline)}", [], Replan: publishNow);
    }

    private async Task<StepResult> Publication(Meeting meeting, Body body, DateTimeOffset now, CancellationToken ct)
    {
        var published = await publisher.Publish(meeting, body, ct);
        return published is null
            ? new StepResult("Venter på godkjent referat", [], RetryAt: now.AddHours(1))
            : new StepResult($"Publisert: {published.Value.Url}", published.Value.Messages);
    }

    private async Task<StepResult> Reminder(Meeting meeting, Body body, CancellationToken ct)
    {
        var deadline = CaseDeadline.LastDay(meeting, body.Rules);
        var ids = new List<string>();
        foreach (var member in (await meetings.Roster(body.Code, meeting.Date, ct)).Where(m => m.Role == MemberRole.Member))
        {
            var message = await emails.Compose(Emails.Reminder, MessageIds.Reminder(meeting.Id, member.Id), new EmailAddress(member.Email, member.Name),
                new ReminderEmail(member.Name, BodyView.Of(body), MeetingView.Of(meeting), Norwegian.LongDate(deadline), Norwegian.ShortDate(deadline), signed.Absolute(CaseForm.Path)));
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        return new StepResult($"Påminnelse sendt til {ids.Count} medlemmer", ids);
    }

    private async Task<StepResult> Deadline(Meeting meeting, Body body, CancellationToken ct)
    {
        var agenda = await agendas.Agenda(meeting.Id, ct);
        var received = agenda?.Cases ?? [];
        var message = await emails.Compose(Emails.Deadline, MessageIds.Deadline(meeting.Id), Secretariat(),
            new DeadlineEmail(BodyView.Of(body), MeetingView.Of(meeting), Norwegian.LongDate(CaseDeadline.LastDay(meeting, body.Rules)),
                received.Select(c => new CaseLineView(c.Reference, c.Title, c.From)).ToList(), Norwegian.LongDate(meeting.Date.AddDays(-body.Rules.AgendaFreezeDays))));
        await outbox.Record(message, ct);
        return new StepResult($"{Norwegian.Count(received.Count, "sak", "saker")} mottatt innen fristen", [message.Id]);
    }

    private async Task<StepResult> FreezeCheck(Meeting meeting, Body body, CancellationToken ct)
    {
        var state = await agendas.State(meeting.Id, ct);
        if (state.Frozen)
        {
            return new StepResult("Sakslisten var fastsatt", []);
        }

        var message = await emails.Compose(Emails.FreezeEscalation, MessageIds.FreezeEscalation(meeting.Id), Secretariat(),
            new FreezeEscalationEmail(BodyView.Of(body), MeetingView.Of(meeting), Norwegian.LongDate(meeting.Date.AddDays(-body.Rules.SummonsDays))));
        await outbox.Record(message, ct);
        return new StepResult("Sakslisten var ikke fastsatt; sekretariatet er varslet", [message.Id]);
    }

    private async Task<StepResult> Summons(Meeting meeting, Body body, CancellationToken ct)
    {
        var ids = new List<string>();
        var frozenBefore = (await agendas.State(meeting.Id, ct)).Frozen;
        var agenda = await agendas.Freeze(meeting.Id, "automatisk ved innkalling", ct) ?? throw new InvalidOperationException($"Meeting {meeting.Id} has no agenda.");
        if (!frozenBefore)
        {
            var notice = await emails.Compose(Emails.AutoFreeze, MessageIds.AutoFreeze(meeting.Id), Secretariat(),
                new AutoFreezeEmail(BodyView.Of(body), MeetingView.Of(meeting), MeetingPapers.AgendaView(agenda)));
            await outbox.Record(notice, ct);
            ids.Add(notice.Id);
        }

        // What is attached is without what is exempt (offentleglova), for everyone: members and deputies
        // fetch the exempt papers with their personal link (SummonsMessage), never as an email attachment.
        // The agenda just frozen serves every document of the step.
        var summons = await papers.Summons(agenda, ct, restricted: true);
        var packet = await papers.Packet(agenda, ct, restricted: true);
        // The roster summoned is kept for the meeting: a later change to the members (a start date in the past) does not rewrite it.
        var members = await meetings.KeepRoster(meeting, ct);
        foreach (var member in members)
        {
            var message = await SummonsMessage(MessageIds.Summons(meeting.Id, member.Id), meeting, body, agenda, member, summons, packet, calledIn: false);
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        await publisher.PublishPapers(agenda, ct);
        var sent = ids.Count(id => id.StartsWith("summons.", StringComparison.Ordinal));
        return new StepResult($"Innkalling med {agenda.Items.Count} saker på sakslisten sendt til {sent} mottakere", ids);
    }

    /// <summary>
    /// The summons to one person, with the papers without what is exempt (<paramref name="summons"/> and
    /// <paramref name="packet"/> are the restricted versions); a member or deputy gets a personal, expiring
    /// link to the full papers when some are exempt. Also used when a deputy is called in for an absent member.
    /// </summary>
    /// <param name="replaces">For a deputy called in: the name of the member who reported absence.</param>
    public Task<EmailMessage> SummonsMessage(string id, Meeting meeting, Body body, MeetingAgenda agenda, Member member, StoredDocument summons, StoredDocument packet, bool calledIn, string? replaces = null)
    {
        // The packet opens with the summons, so it goes alone; a packet too large for email is fetched by
        // link, and then the summons is attached on its own.
        var attached = packet.Content.LongLength <= MaxAttachedPacketBytes;
        var attachments = new List<EmailAttachment>
        {
            attached
                ? new EmailAttachment("sakspapirer.pdf", "application/pdf", DocumentStore.Container, packet.BlobName)
                : new EmailAttachment("innkalling.pdf", "application/pdf", DocumentStore.Container, summons.BlobName),
            EmailAttachment.Inline("invitasjon.ics", "text/calendar; method=REQUEST; charset=utf-8",
                Invitation.For(meeting, body, community.Value.Name, email.Value.FromAddress, member.Email, clock.GetUtcNow())),
        };

        var role = member.Role switch
        {
            MemberRole.Member => "member",
            MemberRole.Deputy => "deputy",
            MemberRole.SpeakingRight => "speaking_right",
            _ => "observer",
        };
        return emails.Compose(Emails.Summons, id, new EmailAddress(member.Email, member.Name),
            new SummonsEmail(member.Name, role, calledIn, BodyView.Of(body), MeetingView.Of(meeting), MeetingPapers.AgendaView(agenda, restricted: true),
                attached ? null : links.PapersUrl(meeting, member.Id),
                member.Role is MemberRole.Member || calledIn ? links.AbsenceUrl(meeting, member.Id) : null,
                replaces, meeting.Kind == MeetingKind.Extraordinary,
                MeetingPapers.HasExempt(agenda) && (member.ReceivesExemptPapers || agenda.Cases.Any(c => c.Exemption?.IsGrantedTo(member.Id) == true)) ? links.PapersUrl(meeting, member.Id) : null,
                (member.Role is MemberRole.Member || calledIn) && agenda.Cases.Count > 0 ? links.DisqualificationUrl(meeting, member.Id) : null),
            attachments);
    }
}
