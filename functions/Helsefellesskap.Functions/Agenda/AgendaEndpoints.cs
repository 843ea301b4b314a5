using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Agenda;

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

        /// <summary>Withdrawn at the submitter's request (the reason says so).</summary>
        Withdraw,

        /// <summary>Taken up as urgent after the case deadline, on this meeting or the one named: the reason is kept on the case for good.</summary>
        Urgent,
    }

    public sealed record CaseDecision(string Case, DecisionAction Action, string? Reason, string? MeetingId);

    public sealed record AgendaChange(IReadOnlyList<string>? Order, IReadOnlyList<CaseDecision>? Decisions, bool Freeze);

    public static void MapAgendaEndpoints(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("meetings/{id}/agenda", Get);
        secretariat.MapPut("meetings/{id}/agenda", Put);
    }

    private static async Task<Results<Ok<AgendaView>, ProblemHttpResult>> Get(string id, AgendaService agendas, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await agendas.Agenda(meetingId, ct) is { } agenda ? TypedResults.Ok(View(agenda)) : NotFound(id);

    private static async Task<Results<Ok<AgendaView>, ProblemHttpResult>> Put(string id, AgendaChange change, AgendaSettlement settlement, CancellationToken ct) =>
        (MeetingId.TryParse(id, out var meetingId) ? await settlement.Settle(meetingId, change, ct) : new AgendaSettlement.Result.NoMeeting()) switch
        {
            AgendaSettlement.Result.Settled settled => TypedResults.Ok(View(settled.Agenda)),
            AgendaSettlement.Result.Invalid invalid => Problems.Validation(invalid.Errors),
            AgendaSettlement.Result.AlreadyFrozen frozen => Problems.Status(StatusCodes.Status409Conflict, "Sakslisten er fastsatt", $"Sakslisten ble fastsatt {Norwegian.DateTime(frozen.At)} og kan ikke endres. En ny sak må meldes til et senere møte."),
            _ => NotFound(id),
        };

    private static AgendaView View(MeetingAgenda agenda) => new(
        agenda.Meeting.Id.Value,
        agenda.Meeting.Date,
        agenda.State.Frozen,
        agenda.State.FrozenAt,
        agenda.State.FrozenBy,
        agenda.Items.Select(i => new ItemView(i.Label, i.Title, i.Kind, i.CaseId,
            i.CaseId is null ? null : agenda.Cases.First(c => c.Id == i.CaseId).Status)).ToList());

    private static ProblemHttpResult NotFound(string id) =>
        Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");
}
