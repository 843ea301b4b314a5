using System.Globalization;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>A body's meeting plan: adopt meetings, add an extraordinary one, move or cancel one, and the public calendar feed.</summary>
public static class MeetingPlanEndpoints
{
    public sealed record MeetingInput(string? Date, string? Start, string? End, string? Location, string? VideoLink, MeetingKind? Kind);

    public sealed record PlanInput(IReadOnlyList<MeetingInput>? Meetings);

    public sealed record MeetingView(string Id, DateOnly Date, string Start, string End, string Location, string? VideoLink, MeetingKind Kind, MeetingStatus Status, DateOnly CaseDeadline);

    public static void MapMeetingPlan(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("bodies/{body}/meetings", List);
        secretariat.MapPost("bodies/{body}/meetings", Add);
        secretariat.MapPut("meetings/{id}", Move);
        secretariat.MapDelete("meetings/{id}", Cancel);
        app.MapGet("/api/bodies/{body}/meetings.ics", Feed);
    }

    /// <summary>The plan in date order, a page at a time (see <see cref="Paging"/>).</summary>
    private static async Task<Results<Ok<List<MeetingView>>, ProblemHttpResult>> List(string body, int? year, int? limit, string? continuation, MeetingStore meetings, HttpContext context, CancellationToken ct)
    {
        if (await meetings.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        var plan = (await meetings.Plan(b.Code, ct)).Where(m => year is null || m.Date.Year == year);
        return Paging.Answer(plan, PlanOrder, m => View(m, b), limit, continuation, context);
    }

    /// <summary>Date, then start, then id: the order of the plan.</summary>
    private static string PlanOrder(Meeting m) =>
        Paging.Key(m.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.Start.ToString("HH:mm", CultureInfo.InvariantCulture), m.Id.Value);

    private static async Task<Results<Created<List<MeetingView>>, ProblemHttpResult>> Add(string body, PlanInput input, MeetingStore meetings, MeetingPlanning planning, CancellationToken ct)
    {
        if (await meetings.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        return await planning.Add(b, input.Meetings ?? [], ct) switch
        {
            MeetingPlanning.Result.Done done => TypedResults.Created($"/api/bodies/{b.Code}/meetings", done.Meetings.Select(m => View(m, b)).ToList()),
            MeetingPlanning.Result.Invalid invalid => Problems.Validation(invalid.Errors, invalid.Status),
            _ => UnknownBody(body),
        };
    }

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> Move(string id, MeetingInput input, MeetingPlanning planning, CancellationToken ct) =>
        await planning.Move(id, input, ct) switch
        {
            MeetingPlanning.Result.Done done => TypedResults.Ok(View(done.Meetings[0], done.Body)),
            MeetingPlanning.Result.Invalid invalid => Problems.Validation(invalid.Errors, invalid.Status),
            _ => Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe planlagt møte «{id}»."),
        };

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> Cancel(string id, MeetingPlanning planning, CancellationToken ct) =>
        await planning.Cancel(id, ct) is MeetingPlanning.Result.Done done
            ? TypedResults.Ok(View(done.Meetings[0], done.Body))
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");

    /// <summary>The plan as an iCalendar feed anyone can subscribe to; cancelled meetings stay in it as cancelled.</summary>
    private static async Task<IResult> Feed(string body, MeetingStore meetings, IOptions<CommunityOptions> community, TimeProvider clock, CancellationToken ct)
    {
        if (await meetings.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        return TypedResults.Text(Invitation.PublicCalendar(await meetings.Plan(b.Code, ct), b, community.Value.Name, clock.GetUtcNow()), "text/calendar; charset=utf-8");
    }

    public static MeetingView View(Meeting m, Body body) =>
        new(m.Id.Value, m.Date, Norwegian.Time(m.Start), Norwegian.Time(m.End), m.Location, m.VideoLink, m.Kind, m.Status, CaseDeadline.LastDay(m, body.Rules));

    private static ProblemHttpResult UnknownBody(string body) =>
        Problems.Status(StatusCodes.Status404NotFound, "Utvalget finnes ikke", $"Det finnes ikke noe utvalg med koden «{body}».");
}
