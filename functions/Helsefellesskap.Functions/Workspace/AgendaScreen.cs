using System.Security.Claims;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Saksliste: the order of a meeting's cases with the standing items, freezing it, and the summons and packet as they will go out.</summary>
public static class AgendaScreen
{
    public sealed record Model(MeetingAgenda Agenda, string? Notice, string? Error);

    public static void MapAgendaScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("moter/{id}/saksliste", Show);
        screens.MapPost("moter/{id}/saksliste", Change);
        screens.MapGet("moter/{id}/innkalling.pdf", Summons);
        screens.MapGet("moter/{id}/sakspapirer.pdf", Packet);
    }

    private static async Task<IResult> Show(string id, string? utfort, AgendaService agendas, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await agendas.Agenda(meetingId, ct) is { } agenda
            ? Pages.Render<AgendaPage>(new { Model = new Model(agenda, WorkspaceResults.Notice(utfort), null) })
            : MeetingScreen.NotFound(id);

    /// <summary>Moves one case up or down (<c>move</c> = its id, <c>direction</c> = up/down), or freezes the agenda (<c>freeze</c>).</summary>
    private static async Task<IResult> Change(string id, IFormCollection form, ClaimsPrincipal user, AgendaService agendas, AgendaSettlement settlement, AuditTrail audit, CancellationToken ct)
    {
        if (!MeetingId.TryParse(id, out var meetingId) || await agendas.Agenda(meetingId, ct) is not { } agenda)
        {
            return MeetingScreen.NotFound(id);
        }

        var freeze = form.ContainsKey("freeze");
        var order = agenda.Cases.Select(c => c.Id).ToList();
        var moved = form["move"].FirstOrDefault();
        if (!freeze)
        {
            var at = moved is null ? -1 : order.IndexOf(moved);
            var to = at + (form["direction"].FirstOrDefault() == "up" ? -1 : 1);
            if (at < 0 || to < 0 || to >= order.Count)
            {
                return Pages.Render<AgendaPage>(new { Model = new Model(agenda, null, "Saken kan ikke flyttes dit.") }, StatusCodes.Status400BadRequest);
            }

            (order[at], order[to]) = (order[to], order[at]);
        }

        var result = await settlement.Settle(meetingId, new AgendaEndpoints.AgendaChange(freeze ? null : order, null, freeze), ct, WorkspaceUser.Name(user));
        return result switch
        {
            AgendaSettlement.Result.Settled when freeze =>
                await WorkspaceResults.Done(user, audit, "Fastsatte sakslisten", id, "", WorkspacePaths.Agenda(meetingId), "fastsatt", ct),
            AgendaSettlement.Result.Settled =>
                await WorkspaceResults.Done(user, audit, "Endret rekkefølgen på sakslisten", id, string.Join(", ", order), WorkspacePaths.Agenda(meetingId) + $"#sak-{moved}", "rekkefolge", ct),
            AgendaSettlement.Result.AlreadyFrozen frozen =>
                Pages.Render<AgendaPage>(new { Model = new Model(agenda, null, $"Sakslisten ble fastsatt {Norwegian.DateTime(frozen.At)} og kan ikke endres.") }, StatusCodes.Status409Conflict),
            _ => MeetingScreen.NotFound(id),
        };
    }

    private static async Task<IResult> Summons(string id, MeetingPapers papers, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await papers.Summons(meetingId, ct) is { } document ? Results.File(document.Content, "application/pdf", $"innkalling-{id}.pdf") : MeetingScreen.NotFound(id);

    private static async Task<IResult> Packet(string id, MeetingPapers papers, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await papers.Packet(meetingId, ct) is { } document ? Results.File(document.Content, "application/pdf", $"sakspapirer-{id}.pdf") : MeetingScreen.NotFound(id);
}
