using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>Reporting absence: the personal link from the summons (a Norwegian page), or the secretariat's API.</summary>
public static class AbsenceEndpoints
{
    public sealed record AbsenceRequest(string? MemberId, string? Reason);

    public sealed record AbsenceAnswer(string MeetingId, string MemberId, string? StandIn, bool AlreadyReported);

    public static void MapAbsences(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        app.MapGet("/api/forfall/{meetingId}/{memberId}", Page);
        app.MapPost("/api/forfall/{meetingId}/{memberId}", Submit).DisableAntiforgery();
        secretariat.MapPost("meetings/{id}/absences", Api);
    }

    private static async Task<IResult> Page(string meetingId, string memberId, long utloper, string? token, MeetingLinks links, MeetingStore meetings, TimeProvider clock, CancellationToken ct)
    {
        if (!MeetingId.TryParse(meetingId, out var id) || !links.IsValid("forfall", id, memberId, utloper, token, clock.GetUtcNow()) || await meetings.FindMeeting(meetingId, ct) is not { } meeting)
        {
            return Invalid();
        }

        var body = await meetings.FindBody(meeting.Body, ct);
        return Pages.Render<AbsencePage>(new { BodyName = body?.Name, BodyShortName = body?.ShortName, When = $"{Norwegian.LongDate(meeting.Date)} kl. {Norwegian.Time(meeting.Start)}", Expires = utloper, Token = token });
    }

    private static async Task<IResult> Submit(string meetingId, string memberId, HttpRequest request, MeetingLinks links, Absences absences, TimeProvider clock, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        _ = long.TryParse(form?["utloper"], out var expires);
        if (form is null || !MeetingId.TryParse(meetingId, out var id) || !links.IsValid("forfall", id, memberId, expires, form["token"], clock.GetUtcNow()))
        {
            return Invalid();
        }

        var reason = form["reason"].ToString();
        if (reason.Length > 1000)
        {
            return Pages.Message("Feil: Meld forfall", "Meld forfall", "Begrunnelsen kan ha høyst 1000 tegn. Gå tilbake og forkort den.", StatusCodes.Status400BadRequest, error: true);
        }

        return await absences.Report(id, memberId, reason, ct) switch
        {
            Absences.Outcome.Recorded r => Pages.Message("Forfall registrert", "Forfall registrert", $"Takk, {r.Member.Name}. {(r.AlreadyReported ? "Forfallet var allerede registrert." : "Forfallet er registrert.")} "
                + (r.StandIn is null ? "Sekretariatet følger opp." : $"{r.StandIn.Name} kalles inn som vara.") + " Du får en bekreftelse på e-post."),
            _ => Invalid(),
        };
    }

    private static async Task<Results<Ok<AbsenceAnswer>, ProblemHttpResult>> Api(string id, AbsenceRequest request, Absences absences, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.MemberId))
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Mangler medlem", "Oppgi memberId for den som har meldt forfall.");
        }

        var outcome = MeetingId.TryParse(id, out var meetingId) ? await absences.Report(meetingId, request.MemberId, request.Reason, ct) : new Absences.Outcome.NotFound();
        return outcome switch
        {
            Absences.Outcome.Recorded r => TypedResults.Ok(new AbsenceAnswer(id, r.Member.Id, r.StandIn?.Id, r.AlreadyReported)),
            Absences.Outcome.NotSummoned => Problems.Status(StatusCodes.Status409Conflict, "Ikke innkalt", "Bare medlemmer, og vara som er kalt inn, kan melde forfall."),
            _ => Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet eller medlemmet", $"Møtet «{id}» eller medlemmet «{request.MemberId}» finnes ikke."),
        };
    }

    private static IResult Invalid() =>
        Pages.Message("Lenken er ikke gyldig", "Lenken er ikke gyldig", "Lenken er utløpt eller feil. Meld forfall direkte til sekretariatet.", StatusCodes.Status404NotFound);
}
