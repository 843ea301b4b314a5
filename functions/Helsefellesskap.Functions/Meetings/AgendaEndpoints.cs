using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>The secretariat settles a meeting's agenda: order, accept/redirect/reject each case with a reason, freeze.</summary>
public static class AgendaEndpoints
{
    public sealed record ItemView(string Number, string Title, CaseKind Kind, string? CaseId, CaseStatus? Status);

    public sealed record AgendaView(string MeetingId, DateOnly Date, bool Frozen, DateTimeOffset? FrozenAt, string? FrozenBy, IReadOnlyList<ItemView> Items);

    public enum DecisionAction
    {
        Accept,
        Redirect,
        Reject,
    }

    public sealed record CaseDecision(string Case, DecisionAction Action, string? Reason, string? MeetingId);

    public sealed record AgendaChange(IReadOnlyList<string>? Order, IReadOnlyList<CaseDecision>? Decisions, bool Freeze);

    public static void MapAgenda(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("meetings/{id}/agenda", Get);
        secretariat.MapPut("meetings/{id}/agenda", Put);
    }

    private static async Task<Results<Ok<AgendaView>, ProblemHttpResult>> Get(string id, AgendaService agendas, CancellationToken ct) =>
        await agendas.Agenda(id, ct) is { } agenda ? TypedResults.Ok(View(agenda)) : NotFound(id);

    private static async Task<Results<Ok<AgendaView>, ProblemHttpResult>> Put(string id, AgendaChange change, AgendaService agendas, CaseStore cases, MeetingStore meetings, EmailOutbox outbox, EmailTemplates emails, CancellationToken ct)
    {
        var agenda = await agendas.Agenda(id, ct);
        if (agenda is null)
        {
            return NotFound(id);
        }

        if (agenda.State.Frozen)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Sakslisten er fastsatt", $"Sakslisten ble fastsatt {Norwegian.DateTime(agenda.State.FrozenAt!.Value)} og kan ikke endres. En ny sak må meldes til et senere møte.");
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
            else if (d.Action != DecisionAction.Accept && string.IsNullOrWhiteSpace(d.Reason))
            {
                errors.Add("decisions", $"Skriv en begrunnelse for å {(d.Action == DecisionAction.Reject ? "avvise" : "sende videre")} sak «{d.Case}»; innsenderen får den.");
            }
            else if (d.MeetingId is not null && await meetings.FindMeeting(d.MeetingId, ct) is null)
            {
                errors.Add("decisions", $"Møtet «{d.MeetingId}» finnes ikke.");
            }
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        foreach (var d in change.Decisions ?? [])
        {
            var c = onMeeting[d.Case];
            var changed = d.Action switch
            {
                DecisionAction.Accept => c with { Status = CaseStatus.Accepted, StatusReason = null },
                DecisionAction.Reject => c with { Status = CaseStatus.Rejected, StatusReason = d.Reason },
                _ when d.MeetingId is not null => c with { Status = CaseStatus.Accepted, MeetingId = d.MeetingId, MeetingDate = (await meetings.FindMeeting(d.MeetingId, ct))!.Date, StatusReason = d.Reason },
                _ => c with { Status = CaseStatus.Redirected, StatusReason = d.Reason },
            };
            await cases.Update(changed, ct);
            if (d.Action != DecisionAction.Accept)
            {
                await outbox.Enqueue(await emails.Compose(Emails.CaseDecision, MessageIds.CaseDecision(d.Action.ToString().ToLowerInvariant(), c.Id, id), new EmailAddress(c.Submitter.Email, c.Submitter.Name),
                    new CaseDecisionEmail(c.Submitter.Name, c.Title, c.Reference, d.Action == DecisionAction.Reject, d.Reason ?? "")), ct);
            }
        }

        if (change.Order is { Count: > 0 })
        {
            await agendas.Save(agenda.State with { Order = change.Order.ToList() }, ct);
        }

        var result = change.Freeze ? await agendas.Freeze(id, "sekretariatet", ct) : await agendas.Agenda(id, ct);
        return TypedResults.Ok(View(result!));
    }

    private static AgendaView View(MeetingAgenda agenda) => new(
        agenda.Meeting.Id,
        agenda.Meeting.Date,
        agenda.State.Frozen,
        agenda.State.FrozenAt,
        agenda.State.FrozenBy,
        agenda.Items.Select(i => new ItemView(i.Label(agenda.Meeting.Date.Year), i.Title, i.Kind, i.CaseId,
            i.CaseId is null ? null : agenda.Cases.First(c => c.Id == i.CaseId).Status)).ToList());

    private static ProblemHttpResult NotFound(string id) =>
        Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");
}
