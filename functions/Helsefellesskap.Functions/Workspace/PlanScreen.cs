using System.Globalization;
using System.Security.Claims;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;
using Input = Helsefellesskap.Functions.Agenda.MeetingPlanEndpoints.MeetingInput;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Møteplan: a body's meetings; next year's plan adopted from a proposal; an extraordinary meeting; one meeting moved or cancelled.</summary>
public static class PlanScreen
{
    /// <param name="Proposal">Next year's meetings as proposed, or as posted when they had errors.</param>
    public sealed record Model(Body Body, IReadOnlyList<Meeting> Meetings, int Year, IReadOnlyList<Input> Proposal, Input Extraordinary, ValidationErrors Errors, string? Notice);

    public sealed record ChangeModel(Body Body, Meeting Meeting, Input Input, ValidationErrors Errors);

    public static void MapPlanScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("utvalg/{body}/moteplan", Show);
        screens.MapPost("utvalg/{body}/moteplan", Adopt);
        screens.MapPost("utvalg/{body}/moteplan/ekstraordinaert", AddExtraordinary);
        screens.MapGet("moter/{id}/endre", ShowChange);
        screens.MapPost("moter/{id}/endre", Move);
        screens.MapPost("moter/{id}/avlys", Cancel);
    }

    public static string Path(string body) => $"{WorkspaceAuth.Root}/utvalg/{Uri.EscapeDataString(body)}/moteplan";

    private static Input Row(Meeting m, MeetingKind kind = MeetingKind.Ordinary) =>
        new(m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Norwegian.Time(m.Start), Norwegian.Time(m.End), m.Location, m.VideoLink, kind);

    private static async Task<Model?> Load(string code, IReadOnlyList<Input>? proposal, Input? extraordinary, ValidationErrors errors, string? notice, MeetingStore meetings, TimeProvider clock, CancellationToken ct)
    {
        if (await meetings.FindBody(code, ct) is not { } body)
        {
            return null;
        }

        var today = Oslo.Today(clock);
        var plan = await meetings.Plan(code, ct);
        var year = plan.Where(m => m.Kind == MeetingKind.Ordinary && m.Status == MeetingStatus.Planned).Select(m => m.Date.Year).DefaultIfEmpty(today.Year).Max() + 1;
        if (proposal is null)
        {
            var proposed = MeetingPlanRules.ProposeYear(plan, year).Select(m => Row(m)).ToList();

            // Without a year to follow: as many empty rows as the rules give ordinary meetings, to fill in.
            proposal = proposed.Count > 0 ? proposed : Enumerable.Repeat(new Input("", "10:00", "14:00", "", null, MeetingKind.Ordinary), body.Rules.MeetingsPerYear).ToList();
        }
        var upcoming = plan.Where(m => m.Date >= today.AddDays(-60)).OrderBy(m => m.Date).ToList();
        return new Model(body, upcoming, year, proposal, extraordinary ?? new Input("", "10:00", "12:00", "", null, MeetingKind.Extraordinary), errors, notice);
    }

    private static async Task<IResult> Show(string body, string? utfort, MeetingStore meetings, TimeProvider clock, CancellationToken ct) =>
        await Load(body, null, null, new ValidationErrors(), WorkspaceResults.Notice(utfort), meetings, clock, ct) is { } model ? Pages.Render<PlanPage>(new { Model = model }) : UnknownBody(body);

    /// <summary>The proposal's rows (<c>date-0</c>, <c>start-0</c>, <c>end-0</c>, <c>location-0</c>, <c>include-0</c>, …): the ticked ones adopted.</summary>
    private static async Task<IResult> Adopt(string body, IFormCollection form, ClaimsPrincipal user, MeetingStore meetings, MeetingPlanning planning, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var rows = Enumerable.Range(0, 12).Where(i => form.ContainsKey($"date-{i}"))
            .Select(i => (Include: form[$"include-{i}"] == "true", Input: new Input(form[$"date-{i}"], form[$"start-{i}"], form[$"end-{i}"], form[$"location-{i}"], NullIfEmpty(form[$"video-{i}"]), MeetingKind.Ordinary)))
            .ToList();
        // A row left without a date is not a meeting (the empty rows of a first plan).
        return await Apply(body, rows.Where(r => r.Include && !string.IsNullOrWhiteSpace(r.Input.Date)).Select(r => r.Input).ToList(), rows.Select(r => r.Input).ToList(), null, "Vedtok møteplan", user, meetings, planning, audit, clock, ct);
    }

    private static async Task<IResult> AddExtraordinary(string body, IFormCollection form, ClaimsPrincipal user, MeetingStore meetings, MeetingPlanning planning, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var input = new Input(form["date"], form["start"], form["end"], form["location"], NullIfEmpty(form["video"]), MeetingKind.Extraordinary);
        return await Apply(body, [input], null, input, "La til ekstraordinært møte", user, meetings, planning, audit, clock, ct);
    }

    private static async Task<IResult> Apply(string body, IReadOnlyList<Input> adopt, IReadOnlyList<Input>? proposal, Input? extraordinary, string action, ClaimsPrincipal user,
        MeetingStore meetings, MeetingPlanning planning, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (await meetings.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        var result = await planning.Add(b, adopt, ct);
        if (result is MeetingPlanning.Result.Done done)
        {
            return await WorkspaceResults.Done(user, audit, action, b.Code, string.Join(", ", done.Meetings.Select(m => m.Id.Value)), Path(b.Code), "moteplan", ct);
        }

        var errors = ((MeetingPlanning.Result.Invalid)result).Errors;
        // The service names fields meetings[i].date; on this screen the plan's errors go to its table, the extraordinary meeting's to its form.
        var model = await Load(body, proposal, extraordinary, errors.Renamed(_ => extraordinary is null ? "plan" : "extra"), null, meetings, clock, ct);
        return Pages.Render<PlanPage>(new { Model = model! }, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ShowChange(string id, MeetingStore meetings, CancellationToken ct) =>
        await meetings.FindMeetingWithBody(id, ct) is ({ Status: MeetingStatus.Planned } m, var b)
            ? Pages.Render<MeetingChangePage>(new { Model = new ChangeModel(b, m, Row(m, m.Kind), new ValidationErrors()) })
            : MeetingScreen.NotFound(id);

    private static async Task<IResult> Move(string id, IFormCollection form, ClaimsPrincipal user, MeetingStore meetings, MeetingPlanning planning, AuditTrail audit, CancellationToken ct)
    {
        var input = new Input(form["date"], form["start"], form["end"], form["location"], NullIfEmpty(form["video"]), null);
        switch (await planning.Move(id, input, ct))
        {
            case MeetingPlanning.Result.Done done:
                return await WorkspaceResults.Done(user, audit, "Flyttet møtet", id, $"{input.Date} {input.Start}–{input.End}, {input.Location}", Path(done.Body.Code), "flyttetmote", ct);
            case MeetingPlanning.Result.Invalid invalid when await meetings.FindMeetingWithBody(id, ct) is var (m, b):
                return Pages.Render<MeetingChangePage>(new { Model = new ChangeModel(b, m, input, invalid.Errors) }, StatusCodes.Status400BadRequest);
            default:
                return MeetingScreen.NotFound(id);
        }
    }

    private static async Task<IResult> Cancel(string id, IFormCollection form, ClaimsPrincipal user, MeetingStore meetings, MeetingPlanning planning, AuditTrail audit, CancellationToken ct)
    {
        if (form["confirm"] != "true")
        {
            var errors = new ValidationErrors();
            errors.Add("confirm", "Kryss av for å bekrefte at møtet skal avlyses.");
            return await meetings.FindMeetingWithBody(id, ct) is var (m, b)
                ? Pages.Render<MeetingChangePage>(new { Model = new ChangeModel(b, m, Row(m, m.Kind), errors) }, StatusCodes.Status400BadRequest)
                : MeetingScreen.NotFound(id);
        }

        return await planning.Cancel(id, ct) is MeetingPlanning.Result.Done done
            ? await WorkspaceResults.Done(user, audit, "Avlyste møtet", id, "", Path(done.Body.Code), "avlyst", ct)
            : MeetingScreen.NotFound(id);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static IResult UnknownBody(string body) =>
        Pages.Message("Fant ikke utvalget", "Fant ikke utvalget", $"Det finnes ikke noe utvalg med koden «{body}».", StatusCodes.Status404NotFound, error: true, linkUrl: WorkspaceAuth.Root + "/utvalg", linkText: "Til utvalgene");
}
