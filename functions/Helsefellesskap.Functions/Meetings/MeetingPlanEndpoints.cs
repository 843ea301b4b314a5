using System.Globalization;
using System.Text;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Meetings;

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

    private static async Task<Results<Ok<List<MeetingView>>, ProblemHttpResult>> List(string body, int? year, MeetingStore meetings, CancellationToken ct)
    {
        if (await meetings.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        return TypedResults.Ok((await meetings.Plan(b.Code, ct)).Where(m => year is null || m.Date.Year == year).Select(m => View(m, b)).ToList());
    }

    private static async Task<Results<Created<List<MeetingView>>, ProblemHttpResult>> Add(string body, PlanInput input, MeetingStore meetings, MeetingChanges changes, TimeProvider clock, CancellationToken ct)
    {
        if (await meetings.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        var errors = new ValidationErrors();
        var today = Oslo.Today(clock);
        var parsed = new List<Meeting>();
        var list = input.Meetings ?? [];
        if (list.Count == 0)
        {
            errors.Add("meetings", "Oppgi minst ett møte.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (Parse(list[i], $"meetings[{i}]", errors) is { } m)
            {
                var kind = list[i].Kind ?? MeetingKind.Ordinary;
                if (MeetingPlanRules.DateProblem(m.Date, kind, b.Rules, today) is { } problem)
                {
                    errors.Add($"meetings[{i}].date", problem);
                }

                parsed.Add(new Meeting(MeetingId.For(b.Code, m.Date, kind), b.Code, m.Date, m.Start, m.End, m.Location, m.VideoLink, kind, MeetingStatus.Planned));
            }
        }

        // "6 ordinary meetings a year": a plan may be adopted in parts, but never with more than the rules allow.
        var existing = await meetings.Plan(b.Code, ct);
        foreach (var year in parsed.Where(m => m.Kind == MeetingKind.Ordinary).Select(m => m.Date.Year).Distinct())
        {
            var ordinary = existing.Where(m => m.Kind == MeetingKind.Ordinary && m.Status == MeetingStatus.Planned && m.Date.Year == year).Select(m => m.Id.Value)
                .Union(parsed.Where(m => m.Kind == MeetingKind.Ordinary && m.Date.Year == year).Select(m => m.Id.Value))
                .Count();
            if (ordinary > b.Rules.MeetingsPerYear)
            {
                errors.Add("meetings", $"{b.ShortName} har {b.Rules.MeetingsPerYear} ordinære møter i året; med disse ville {year} fått {ordinary}. Et møte utenom planen legges inn som ekstraordinært («kind»: «extraordinary»).");
            }
        }

        if (errors.Any)
        {
            return Problems.Validation(errors);
        }

        return await changes.Adopt(b, parsed, ct) is { Any: true } clashes
            ? Problems.Validation(clashes, StatusCodes.Status409Conflict)
            : TypedResults.Created($"/api/bodies/{b.Code}/meetings", parsed.Select(m => View(m, b)).ToList());
    }

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> Move(string id, MeetingInput input, MeetingStore meetings, MeetingChanges changes, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await meetings.FindMeeting(id, ct);
        var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
        if (meeting is null || body is null || meeting.Status == MeetingStatus.Cancelled)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe planlagt møte «{id}».");
        }

        var errors = new ValidationErrors();
        var fields = Parse(input with { Date = input.Date ?? meeting.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Start = input.Start ?? Norwegian.Time(meeting.Start), End = input.End ?? Norwegian.Time(meeting.End), Location = input.Location ?? meeting.Location }, "", errors);
        if (fields is not null && fields.Date < Oslo.Today(clock))
        {
            errors.Add("date", "Et møte kan ikke flyttes til en dato som er passert.");
        }

        if (errors.Any || fields is null)
        {
            return Problems.Validation(errors);
        }

        var moved = await changes.Move(meeting, body, meeting with { Date = fields.Date, Start = fields.Start, End = fields.End, Location = fields.Location, VideoLink = input.VideoLink ?? meeting.VideoLink }, ct);
        return TypedResults.Ok(View(moved, body));
    }

    private static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> Cancel(string id, MeetingStore meetings, MeetingChanges changes, CancellationToken ct)
    {
        var meeting = await meetings.FindMeeting(id, ct);
        var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
        if (meeting is null || body is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");
        }

        return TypedResults.Ok(View(await changes.Cancel(meeting, body, ct), body));
    }

    /// <summary>The plan as an iCalendar feed anyone can subscribe to; cancelled meetings stay in it as cancelled.</summary>
    private static async Task<IResult> Feed(string body, MeetingStore meetings, IOptions<CommunityOptions> community, TimeProvider clock, CancellationToken ct)
    {
        if (await meetings.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        return TypedResults.Text(Invitation.PublicCalendar(await meetings.Plan(b.Code, ct), b, community.Value.Name, clock.GetUtcNow()), "text/calendar; charset=utf-8");
    }

    private static Meeting? Parse(MeetingInput input, string prefix, ValidationErrors errors)
    {
        string Field(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
        var ok = DateOnly.TryParseExact(input.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        if (!ok)
        {
            errors.Add(Field("date"), "Møtedatoen må skrives åååå-mm-dd, for eksempel 2027-02-11.");
        }

        var start = TimeOnly.TryParseExact(input.Start ?? "10:00", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s) ? s : (TimeOnly?)null;
        var end = TimeOnly.TryParseExact(input.End ?? "14:00", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) ? e : (TimeOnly?)null;
        if (start is null || end is null || end <= start)
        {
            errors.Add(Field("start"), "Oppgi start og slutt som tt:mm, med slutt etter start.");
        }

        if (string.IsNullOrWhiteSpace(input.Location) || input.Location.Length > 200)
        {
            errors.Add(Field("location"), "Oppgi møtested (høyst 200 tegn).");
        }

        if (input.VideoLink is not null && !Documents.MarkdownToHtml.IsSafeUrl(input.VideoLink))
        {
            errors.Add(Field("videoLink"), "Videolenken må begynne med https://.");
        }

        return ok && start is not null && end is not null && end > start && !string.IsNullOrWhiteSpace(input.Location)
            ? new Meeting(default, "", date, start.Value, end.Value, input.Location.Trim(), input.VideoLink, input.Kind ?? MeetingKind.Ordinary, MeetingStatus.Planned)
            : null;
    }

    private static MeetingView View(Meeting m, Body body) =>
        new(m.Id, m.Date, Norwegian.Time(m.Start), Norwegian.Time(m.End), m.Location, m.VideoLink, m.Kind, m.Status, CaseDeadline.LastDay(m, body.Rules));

    private static ProblemHttpResult UnknownBody(string body) =>
        Problems.Status(StatusCodes.Status404NotFound, "Utvalget finnes ikke", $"Det finnes ikke noe utvalg med koden «{body}».");
}
