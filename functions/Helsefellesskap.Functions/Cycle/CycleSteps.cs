using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
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
public sealed class CycleSteps(
    MeetingStore meetings,
    AgendaService agendas,
    MeetingPapers papers,
    EmailOutbox outbox,
    MeetingLinks links,
    SignedLinks signed,
    IOptions<SecretariatOptions> secretariat,
    IOptions<CommunityOptions> community,
    IOptions<EmailOptions> email,
    Minutes.MinutesService minutes,
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
        var sent = await minutes.SendDraft(meeting, body, ct);
        if (sent is null)
        {
            var waiting = new EmailBody()
                .Paragraph($"Utkast til referat fra møtet i {body.Name} {Norwegian.LongDate(meeting.Date)} kan ikke sendes før møteutfallet er registrert (PUT /api/meetings/{meeting.Id}/outcome).")
                .Paragraph(Minutes.MeetingRules.LatestDraftDay(meeting, body.Rules) is { } latest
                    ? $"For å rekke publiseringsfristen må utkastet sendes senest {Norwegian.LongDate(latest)}."
                    : "Publiseringsfristen på 7 dager kan ikke nås med 4 virkedagers merknadsfrist.")
                .Message($"minutes-waiting.{meeting.Id}", Secretariat(), $"Møteutfallet mangler: {body.ShortName} {Norwegian.ShortDate(meeting.Date)}");
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

        await minutes.Approve(meeting.Id, "stilltiende godkjenning (ingen merknader innen fristen)", ct);
        return new StepResult($"Godkjent uten merknader innen {Norwegian.LongDate(deadline)}", [], Replan: publishNow);
    }

    private async Task<StepResult> Publication(Meeting meeting, Body body, DateTimeOffset now, CancellationToken ct)
    {
        var published = await minutes.Publish(meeting, body, ct);
        return published is null
            ? new StepResult("Venter på godkjent referat", [], RetryAt: now.AddHours(1))
            : new StepResult($"Publisert: {published.Value.Url}", published.Value.Messages);
    }

    private async Task<StepResult> Reminder(Meeting meeting, Body body, CancellationToken ct)
    {
        var deadline = CaseDeadline.LastDay(meeting, body.Rules);
        var ids = new List<string>();
        foreach (var member in (await meetings.Members(body.Code, ct)).Where(m => m.Role == MemberRole.Member))
        {
            var message = new EmailBody()
                .Paragraph($"Hei {member.Name},")
                .Paragraph($"Saksfristen for møtet i {body.Name} {Norwegian.LongDate(meeting.Date)} er {Norwegian.LongDate(deadline)}. Saker som kommer senere, går til neste møte.")
                .Link("Meld inn en sak", signed.Absolute(CaseForm.Path))
                .Signature(community.Value.Name)
                .Message($"reminder.{meeting.Id}.{member.Id}", new EmailAddress(member.Email, member.Name), $"Saksfrist {Norwegian.ShortDate(deadline)} for møtet i {body.ShortName} {Norwegian.ShortDate(meeting.Date)}");
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        return new StepResult($"Påminnelse sendt til {ids.Count} medlemmer", ids);
    }

    private async Task<StepResult> Deadline(Meeting meeting, Body body, CancellationToken ct)
    {
        var agenda = await agendas.Agenda(meeting.Id, ct);
        var received = agenda?.Cases ?? [];
        var message = new EmailBody()
            .Paragraph($"Saksfristen for møtet i {body.Name} {Norwegian.LongDate(meeting.Date)} gikk ut {Norwegian.LongDate(CaseDeadline.LastDay(meeting, body.Rules))}.")
            .Paragraph(received.Count == 0 ? "Ingen saker er meldt inn til møtet." : $"{received.Count} saker er meldt inn:")
            .List(received.Select(c => $"{c.Reference}: {c.Title} ({c.From})"))
            .Paragraph($"Sakslisten må fastsettes innen {Norwegian.LongDate(meeting.Date.AddDays(-body.Rules.AgendaFreezeDays))}. Saker som kommer nå, går til neste møte.")
            .Message($"deadline.{meeting.Id}", Secretariat(), $"Saksfristen er ute: {body.ShortName} {Norwegian.ShortDate(meeting.Date)}, {received.Count} saker");
        await outbox.Record(message, ct);
        return new StepResult($"{received.Count} saker mottatt innen fristen", [message.Id]);
    }

    private async Task<StepResult> FreezeCheck(Meeting meeting, Body body, CancellationToken ct)
    {
        var state = await agendas.State(meeting.Id, ct);
        if (state.Frozen)
        {
            return new StepResult("Sakslisten var fastsatt", []);
        }

        var message = new EmailBody()
            .Paragraph($"Sakslisten for møtet i {body.Name} {Norwegian.LongDate(meeting.Date)} er ikke fastsatt.")
            .Paragraph($"Innkallingen skal sendes {Norwegian.LongDate(meeting.Date.AddDays(-body.Rules.SummonsDays))}. Er sakslisten ikke fastsatt da, fastsettes den automatisk med sakene som er mottatt, og innkallingen sendes.")
            .Message($"freeze-escalation.{meeting.Id}", Secretariat(), $"Sakslisten er ikke fastsatt: {body.ShortName} {Norwegian.ShortDate(meeting.Date)}");
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
            var notice = new EmailBody()
                .Paragraph($"Sakslisten for møtet i {body.Name} {Norwegian.LongDate(meeting.Date)} var ikke fastsatt da innkallingen skulle sendes. Den er fastsatt automatisk med sakene som var mottatt:")
                .List(agenda.Items.Select(i => $"Sak {i.Label(meeting.Date.Year)} {i.Title}"))
                .Message($"auto-freeze.{meeting.Id}", Secretariat(), $"Sakslisten ble fastsatt automatisk: {body.ShortName} {Norwegian.ShortDate(meeting.Date)}");
            await outbox.Record(notice, ct);
            ids.Add(notice.Id);
        }

        var summons = await papers.Summons(meeting.Id, ct) ?? throw new InvalidOperationException($"No summons for {meeting.Id}.");
        var packet = await papers.Packet(meeting.Id, ct) ?? throw new InvalidOperationException($"No packet for {meeting.Id}.");
        var members = await meetings.Members(body.Code, ct);
        foreach (var member in members)
        {
            var message = SummonsMessage($"summons.{meeting.Id}.{member.Id}", meeting, body, agenda, member, members, summons, packet, calledIn: false);
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        var sent = ids.Count(id => id.StartsWith("summons.", StringComparison.Ordinal));
        return new StepResult($"Innkalling med {agenda.Items.Count} saker på sakslisten sendt til {sent} mottakere", ids);
    }

    /// <summary>The summons to one person, with the papers; also used when a deputy is called in for an absent member.</summary>
    public EmailMessage SummonsMessage(string id, Meeting meeting, Body body, MeetingAgenda agenda, Member member, IReadOnlyList<Member> members, StoredDocument summons, StoredDocument packet, bool calledIn)
    {
        var year = meeting.Date.Year;
        var text = new EmailBody().Paragraph($"Hei {member.Name},");
        if (calledIn)
        {
            text.Paragraph($"Du kalles inn som vara til møtet i {body.Name}, fordi et medlem har meldt forfall. Du møter med stemmerett.");
        }
        else
        {
            text.Paragraph(member.Role switch
            {
                MemberRole.Member => $"Du innkalles til møte i {body.Name}.",
                MemberRole.Deputy => $"Som vara får du innkallingen til møte i {body.Name} til orientering. Du møter bare hvis du blir kalt inn for et medlem med forfall.",
                MemberRole.SpeakingRight => $"Du innkalles til møte i {body.Name} med møte- og talerett.",
                _ => $"Du får innkallingen til møte i {body.Name} som observatør.",
            });
        }

        text.Facts(
        [
            ("Tid", $"{Norwegian.LongDate(meeting.Date)} kl. {Norwegian.Time(meeting.Start)}–{Norwegian.Time(meeting.End)}"),
            ("Sted", meeting.Location),
            .. meeting.VideoLink is null ? Array.Empty<(string, string)>() : [("Video", meeting.VideoLink)],
        ]);
        text.Paragraph("Saksliste:").List(agenda.Items.Select(i => $"Sak {i.Label(year)} {i.Title} ({CaseLabels.Kind(i.Kind)})"));

        var attachments = new List<EmailAttachment>
        {
            new("innkalling.pdf", "application/pdf", DocumentStore.Container, summons.BlobName),
            EmailAttachment.Inline("invitasjon.ics", "text/calendar; method=REQUEST; charset=utf-8",
                Invitation.For(meeting, body, community.Value.Name, email.Value.FromAddress, member.Email, clock.GetUtcNow())),
        };
        if (packet.Content.LongLength <= MaxAttachedPacketBytes)
        {
            attachments.Insert(1, new EmailAttachment("sakspapirer.pdf", "application/pdf", DocumentStore.Container, packet.BlobName));
            text.Paragraph("Innkallingen, sakslisten og sakspapirene ligger ved, sammen med en kalenderinvitasjon.");
        }
        else
        {
            text.Link("Sakspapirene er for store for e-post. Hent dem her (lenken er personlig og gjelder til møtet er over)", links.PapersUrl(meeting, member.Id));
        }

        if (member.Role is MemberRole.Member || calledIn)
        {
            text.Link("Kan du ikke møte? Meld forfall her, så kaller sekretariatet inn vara", links.AbsenceUrl(meeting, member.Id));
        }

        text.Signature(community.Value.Name);
        var subject = calledIn
            ? $"Du kalles inn som vara: møte i {body.ShortName} {Norwegian.ShortDate(meeting.Date)}"
            : $"Innkalling til møte i {body.ShortName} {Norwegian.ShortDate(meeting.Date)}";
        return text.Message(id, new EmailAddress(member.Email, member.Name), subject, attachments);
    }

    public EmailAddress Secretariat() => new(secretariat.Value.Email, "Samhandlingssekretariatet");
}
