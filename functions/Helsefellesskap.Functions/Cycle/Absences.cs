using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cycle;

public sealed record Absence(string MeetingId, string MemberId, string? Reason, DateTimeOffset ReportedAt, string? StandInId);

/// <summary>
/// Absence (forfall): recorded once per person and meeting; the stand-in is summoned at once with the
/// same papers, and the member and the secretariat get a confirmation.
/// </summary>
public sealed class Absences(StorageClients storage, MeetingStore meetings, AgendaService agendas, MeetingPapers papers, CycleSteps steps, EmailOutbox outbox, EmailTemplates emails, AfterAnswer afterAnswer, TimeProvider clock)
{
    private const string Table = StorageNames.Absences;

    public abstract record Outcome
    {
        public sealed record Recorded(Absence Absence, Member Member, Member? StandIn, bool AlreadyReported) : Outcome;

        public sealed record NotSummoned : Outcome;

        public sealed record NotFound : Outcome;
    }

    public async Task<IReadOnlyList<Absence>> For(MeetingId meetingId, CancellationToken ct = default)
    {
        var table = await storage.Table(Table);
        var result = new List<Absence>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {meetingId.Value}"), cancellationToken: ct))
        {
            if (e.RowKey.StartsWith(ClaimPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            result.Add(new Absence(meetingId.Value, e.RowKey, e.GetString("Reason"), e.GetDateTimeOffset("ReportedAt")!.Value, e.GetString("StandIn")));
        }

        return result;
    }

    /// <summary>A row that says a deputy is taken for a meeting; with it, absences reported at once never get the same deputy.</summary>
    private const string ClaimPrefix = "standin.";

    /// <summary>The stand-in by the statutes' order, claimed for this meeting; a deputy claimed by another absence at the same moment is skipped.</summary>
    private async Task<Member?> ClaimStandIn(MeetingId meetingId, Member absent, IReadOnlyList<Member> members, HashSet<string> unavailable, CancellationToken ct)
    {
        var table = await storage.Table(Table);
        while (DeputyRules.StandIn(absent, members, unavailable) is { } candidate)
        {
            try
            {
                await table.AddEntityAsync(new TableEntity(meetingId.Value, ClaimPrefix + candidate.Id) { ["For"] = absent.Id }, ct);
                return candidate;
            }
            catch (RequestFailedException e) when (e.IsConflict())
            {
                var claim = await table.GetEntityAsync<TableEntity>(meetingId.Value, ClaimPrefix + candidate.Id, cancellationToken: ct);
                if (claim.Value.GetString("For") == absent.Id)
                {
                    return candidate; // claimed by an earlier try of this same report
                }

                unavailable.Add(candidate.Id);
            }
        }

        return null;
    }

    public async Task<Outcome> Report(MeetingId meetingId, string memberId, string? reason, CancellationToken ct = default)
    {
        var meeting = await meetings.FindMeeting(meetingId, ct);
        var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
        var members = body is null || meeting is null ? [] : await meetings.Roster(meeting, ct);
        var member = members.FirstOrDefault(m => m.Id == memberId);
        if (meeting is null || body is null || member is null)
        {
            return new Outcome.NotFound();
        }

        var absences = await For(meetingId, ct);
        if (absences.FirstOrDefault(a => a.MemberId == memberId) is { } existing)
        {
            return new Outcome.Recorded(existing, member, members.FirstOrDefault(m => m.Id == existing.StandInId), AlreadyReported: true);
        }

        // Only those summoned to vote can report absence: members, and deputies called in for one.
        var calledIn = absences.Any(a => a.StandInId == memberId);
        if (member.Role != MemberRole.Member && !calledIn)
        {
            return new Outcome.NotSummoned();
        }

        var unavailable = absences.Select(a => a.MemberId).Concat(absences.Select(a => a.StandInId).OfType<string>()).Append(memberId).ToHashSet();
        var standIn = await ClaimStandIn(meetingId, member, members, unavailable, ct);
        var absence = new Absence(meetingId.Value, memberId, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), clock.GetUtcNow(), standIn?.Id);
        var table = await storage.Table(Table);
        try
        {
            await table.AddEntityAsync(new TableEntity(meetingId.Value, memberId) { ["Reason"] = absence.Reason, ["ReportedAt"] = absence.ReportedAt, ["StandIn"] = absence.StandInId }, ct);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return await Report(meetingId, memberId, reason, ct);
        }

        await Notify(meeting, body, member, standIn, absence, ct);
        return new Outcome.Recorded(absence, member, standIn, AlreadyReported: false);
    }

    /// <summary>
    /// The emails of an absence are recorded before the answer (the outbox keeps them) and sent just after it: the
    /// stand-in's summons carries the papers, which need not hold up the answer, even with many absences at once.
    /// </summary>
    private async Task Notify(Meeting meeting, Body body, Member member, Member? standIn, Absence absence, CancellationToken ct)
    {
        var who = standIn is null ? null : $"{standIn.Name} ({standIn.Organisation})";
        var (bodyView, meetingView) = (BodyView.Of(body), MeetingView.Of(meeting));
        var messages = new List<EmailMessage>
        {
            await emails.Compose(Emails.AbsenceConfirmation, MessageIds.AbsenceConfirmation(meeting.Id, member.Id), new EmailAddress(member.Email, member.Name),
                new AbsenceConfirmationEmail(member.Name, bodyView, meetingView, who)),
            await emails.Compose(Emails.AbsenceNotice, MessageIds.AbsenceNotice(meeting.Id, member.Id), steps.Secretariat(),
                new AbsenceNoticeEmail(member.Name, member.Organisation, bodyView, meetingView, absence.Reason, who)),
        };

        // The stand-in gets the same papers now, if the summons has gone out; otherwise with the summons.
        var agenda = await agendas.Agenda(meeting.Id, ct);
        if (standIn is not null && agenda is { State.Frozen: true })
        {
            var summons = await papers.Summons(meeting.Id, ct, restricted: true);
            var packet = await papers.Packet(meeting.Id, ct, restricted: true);
            messages.Add(await steps.SummonsMessage(MessageIds.DeputySummons(meeting.Id, standIn.Id), meeting, body, agenda, standIn, summons!, packet!, calledIn: true, replaces: member.Name));
        }

        foreach (var message in messages)
        {
            await outbox.Record(message, ct);
        }

        afterAnswer.Run($"The emails of {member.Id}'s absence from {meeting.Id}", async sending =>
        {
            foreach (var message in messages)
            {
                await outbox.TrySend(message.Id, sending);
            }
        });
    }
}
