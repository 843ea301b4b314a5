using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>
/// The secretariat settles a meeting's agenda before it is frozen: the order of the cases, each case
/// accepted, redirected (to another meeting or elsewhere) or rejected with a reason the submitter is
/// told, and, when asked, the agenda frozen. Nothing changes unless the whole change is valid.
/// </summary>
public sealed class AgendaSettlement(AgendaService agendas, CaseStore cases, MeetingStore meetings, EmailOutbox outbox, EmailTemplates emails)
{
    public abstract record Result
    {
        public sealed record Settled(MeetingAgenda Agenda) : Result;

        public sealed record NoMeeting : Result;

        public sealed record AlreadyFrozen(DateTimeOffset At) : Result;

        public sealed record Invalid(ValidationErrors Errors) : Result;
    }

    /// <param name="by">Who froze the agenda, when this change freezes it (a person signed in to the workspace).</param>
    public async Task<Result> Settle(MeetingId id, AgendaEndpoints.AgendaChange change, CancellationToken ct, string by = "sekretariatet")
    {
        var agenda = await agendas.Agenda(id, ct);
        if (agenda is null)
        {
            return new Result.NoMeeting();
        }

        if (agenda.State.Frozen)
        {
            return new Result.AlreadyFrozen(agenda.State.FrozenAt!.Value);
        }

        var errors = new ValidationErrors();
        var onMeeting = agenda.Cases.ToDictionary(c => c.Id);
        foreach (var unknown in (change.Order ?? []).Where(c => !onMeeting.ContainsKey(c)))
        {
            errors.Add("order", $"Sak «{unknown}» er ikke meldt til dette møtet.");
        }

        foreach (var d in change.Decisions ?? [])
        {
            if (!onMeeting.ContainsKey(d.Case))
            {
                errors.Add("decisions", $"Sak «{d.Case}» er ikke meldt til dette møtet.");
            }
            else if (d.Action != AgendaEndpoints.DecisionAction.Accept && string.IsNullOrWhiteSpace(d.Reason))
            {
                errors.Add("decisions", $"Skriv en begrunnelse for å {d.Action switch { AgendaEndpoints.DecisionAction.Reject => "avvise", AgendaEndpoints.DecisionAction.Withdraw => "trekke", AgendaEndpoints.DecisionAction.Urgent => "ta opp som hastesak", _ => "sende videre" }} sak «{d.Case}»; innsenderen får den.");
            }
            else if (d.MeetingId is not null && await meetings.FindMeeting(d.MeetingId, ct) is null)
            {
                errors.Add("decisions", $"Møtet «{d.MeetingId}» finnes ikke.");
            }
        }

        if (errors.Any)
        {
            return new Result.Invalid(errors);
        }

        foreach (var d in change.Decisions ?? [])
        {
            var c = onMeeting[d.Case];
            var target = d.Action is AgendaEndpoints.DecisionAction.Redirect or AgendaEndpoints.DecisionAction.Urgent && d.MeetingId is not null ? await meetings.FindMeeting(d.MeetingId, ct) : null;
            var targetBody = target is null ? null : await meetings.FindBody(target.Body, ct);
            var changed = d.Action switch
            {
                AgendaEndpoints.DecisionAction.Accept => c with { Status = CaseStatus.Accepted, StatusReason = null },
                AgendaEndpoints.DecisionAction.Reject => c with { Status = CaseStatus.Rejected, StatusReason = d.Reason },
                AgendaEndpoints.DecisionAction.Withdraw => c with { Status = CaseStatus.Withdrawn, StatusReason = d.Reason },
                AgendaEndpoints.DecisionAction.Urgent when target is not null =>
                    c with { Status = CaseStatus.Accepted, Content = c.Content with { Body = target.Body }, MeetingId = target.Id.Value, MeetingDate = target.Date, StatusReason = null, Urgent = d.Reason!.Trim() },
                AgendaEndpoints.DecisionAction.Urgent => c with { Status = CaseStatus.Accepted, StatusReason = null, Urgent = d.Reason!.Trim() },
                _ when target is not null => c with { Status = CaseStatus.Accepted, Content = c.Content with { Body = target.Body }, MeetingId = target.Id.Value, MeetingDate = target.Date, StatusReason = d.Reason },
                _ => c with { Status = CaseStatus.Redirected, StatusReason = d.Reason },
            };
            await cases.Update(changed, ct);
            if (d.Action != AgendaEndpoints.DecisionAction.Accept)
            {
                // A case moved to a meeting is told which, and when.
                var destination = target is null ? null : $"møtet i {targetBody?.Name ?? target.Body} {Norwegian.LongDate(target.Date)}";
                var urgentAt = d.Action == AgendaEndpoints.DecisionAction.Urgent ? destination ?? $"møtet i {agenda.Body.Name} {Norwegian.LongDate(agenda.Meeting.Date)}" : null;
                await outbox.Enqueue(await emails.Compose(Emails.CaseDecision, MessageIds.CaseDecision(d.Action.ToString().ToLowerInvariant(), c.Id, id), new EmailAddress(c.Submitter.Email, c.Submitter.Name),
                    new CaseDecisionEmail(c.Submitter.Name, c.Title, c.Reference, d.Action == AgendaEndpoints.DecisionAction.Reject, d.Reason ?? "", destination, d.Action == AgendaEndpoints.DecisionAction.Withdraw, urgentAt)), ct);
            }
        }

        if (change.Order is { Count: > 0 })
        {
            await agendas.Save(agenda.State with { Order = change.Order.ToList() }, ct);
        }

        var result = change.Freeze ? await agendas.Freeze(id, by, ct) : await agendas.Agenda(id, ct);
        return new Result.Settled(result!);
    }
}
