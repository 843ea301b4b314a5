using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>
/// Moving and cancelling a planned meeting: its cycle is planned again, its cases follow (or roll to the
/// next meeting), and whoever was already told hears of the change.
/// </summary>
public sealed class MeetingChanges(
    MeetingStore meetings,
    CaseStore cases,
    IMeetingCycle cycles,
    AgendaService agendas,
    EmailOutbox outbox,
    EmailTemplates emails,
    IOptions<CommunityOptions> community,
    IOptions<EmailOptions> email,
    TimeProvider clock)
{
    /// <summary>
    /// Adds meetings to a body's plan, each with its cycle. A meeting on a date the body already meets
    /// is refused, and then none is added; the errors say which.
    /// </summary>
    public async Task<ValidationErrors> Adopt(Body body, IReadOnlyList<Meeting> adopted, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var existing = (await meetings.Plan(body.Code, ct)).Select(m => m.Id).ToHashSet();
        foreach (var clash in adopted.Where(m => existing.Contains(m.Id)))
        {
            errors.Add("meetings", $"{body.ShortName} har allerede et møte {Norwegian.LongDate(clash.Date)}.");
        }

        if (errors.Any)
        {
            return errors;
        }

        foreach (var m in adopted)
        {
            await meetings.AddMeeting(m, ct);
            await cycles.Planned(m, body, ct);
        }

        return errors;
    }

    /// <summary>The meeting gets <paramref name="target"/>'s date, times and place; members summoned already get an updated invitation.</summary>
    public async Task<Meeting> Move(Meeting meeting, Body body, Meeting target, CancellationToken ct)
    {
        var moved = meeting with { Date = target.Date, Start = target.Start, End = target.End, Location = target.Location, VideoLink = target.VideoLink };
        await meetings.Update(moved, ct);
        foreach (var c in await cases.OnMeeting(body.Code, meeting.Id, ct))
        {
            await cases.Update(c with { MeetingDate = moved.Date }, ct);
        }

        await cycles.Changed(moved, body, ct);
        var what = $"moved-{moved.Date:yyyyMMdd}-{Norwegian.Time(moved.Start).Replace(":", "", StringComparison.Ordinal)}";
        if ((await agendas.State(meeting.Id, ct)).Frozen)
        {
            await NotifySummoned(moved, body, what, next: null, ct);
        }
        else
        {
            await NotifyReminded(moved, body, what, ct);
        }

        // Submitters were told the meeting's date in their receipt.
        foreach (var c in (await cases.OnMeeting(body.Code, meeting.Id, ct)).Where(c => AgendaRules.IsOnAgenda(c, meeting.Id)))
        {
            await outbox.Enqueue(await emails.Compose(Emails.MeetingChanged, MessageIds.MeetingChanged(what, meeting.Id, c.Id), new EmailAddress(c.Submitter.Email, c.Submitter.Name),
                new MeetingChangedEmail(c.Submitter.Name, BodyView.Of(body), MeetingView.Of(moved), false, null, Norwegian.LongDate(CaseDeadline.LastDay(moved, body.Rules)))), ct);
        }

        return moved;
    }

    /// <summary>Before the summons: the members who got the reminder with the old case deadline hear the new one.</summary>
    private async Task NotifyReminded(Meeting moved, Body body, string what, CancellationToken ct)
    {
        var deadline = Norwegian.LongDate(CaseDeadline.LastDay(moved, body.Rules));
        foreach (var member in await meetings.Roster(body.Code, moved.Date, ct))
        {
            if (await outbox.StateOf(MessageIds.Reminder(moved.Id, member.Id), ct) is not null)
            {
                await outbox.Enqueue(await emails.Compose(Emails.MeetingChanged, MessageIds.MeetingChanged(what, moved.Id, member.Id), new EmailAddress(member.Email, member.Name),
                    new MeetingChangedEmail(member.Name, BodyView.Of(body), MeetingView.Of(moved), false, null, deadline)), ct);
            }
        }
    }

    /// <summary>The meeting is cancelled; its cases roll to the next meeting that takes cases, and their submitters are told.</summary>
    public async Task<Meeting> Cancel(Meeting meeting, Body body, CancellationToken ct)
    {
        var cancelled = meeting with { Status = MeetingStatus.Cancelled };
        await meetings.Update(cancelled, ct);
        await cycles.Changed(cancelled, body, ct);

        var next = MeetingPlanRules.NextAfter(await meetings.Plan(body.Code, ct), meeting.Date);
        foreach (var c in (await cases.OnMeeting(body.Code, meeting.Id, ct)).Where(c => AgendaRules.IsOnAgenda(c, meeting.Id)))
        {
            await cases.Update(c with { MeetingId = next?.Id.Value, MeetingDate = next?.Date, Status = CaseStatus.Received }, ct);
            await outbox.Enqueue(await emails.Compose(Emails.CaseMeetingCancelled, MessageIds.CaseMeetingCancelled(meeting.Id, c.Id), new EmailAddress(c.Submitter.Email, c.Submitter.Name),
                new CaseMeetingCancelledEmail(c.Submitter.Name, BodyView.Of(body), MeetingView.Of(meeting), c.Title, c.Reference, next is null ? null : Norwegian.LongDate(next.Date))), ct);
        }

        if ((await agendas.State(meeting.Id, ct)).Frozen)
        {
            await NotifySummoned(cancelled, body, "cancelled", next, ct);
        }

        return cancelled;
    }

    /// <summary>Members summoned already hear of a change, with an updated calendar entry.</summary>
    private async Task NotifySummoned(Meeting meeting, Body body, string what, Meeting? next, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var member in await meetings.Roster(meeting, ct))
        {
            var invitation = Invitation.For(meeting, body, community.Value.Name, email.Value.FromAddress, member.Email, now, sequence: ChangeSequence(now));
            await outbox.Enqueue(await emails.Compose(Emails.MeetingChanged, MessageIds.MeetingChanged(what, meeting.Id, member.Id), new EmailAddress(member.Email, member.Name),
                new MeetingChangedEmail(member.Name, BodyView.Of(body), MeetingView.Of(meeting), meeting.Status == MeetingStatus.Cancelled, next is null ? null : Norwegian.LongDate(next.Date)),
                [EmailAttachment.Inline("invitasjon.ics", "text/calendar; method=REQUEST; charset=utf-8", invitation)]), ct);
        }
    }

    /// <summary>Calendar clients apply an update only if its SEQUENCE grew: minutes since 2020 always do.</summary>
    private static int ChangeSequence(DateTimeOffset now) => (int)(now - new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).TotalMinutes;
}
