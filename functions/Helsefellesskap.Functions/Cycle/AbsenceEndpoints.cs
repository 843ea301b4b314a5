using System.Text;
using Helsefellesskap.Functions.Hosting;
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
        app.MapGet("/api/forfall/{meetingId}/{memberId}", Page);
        app.MapPost("/api/forfall/{meetingId}/{memberId}", Submit).DisableAntiforgery();
        app.MapPost("/api/meetings/{id}/absences", Api).RequireSecretariat();
    }

    private static async Task<IResult> Page(string meetingId, string memberId, long utloper, string? token, MeetingLinks links, MeetingStore meetings, TimeProvider clock, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        if (!links.IsValid("forfall", meetingId, memberId, utloper, token, clock.GetUtcNow()) || await meetings.FindMeeting(meetingId, ct) is not { } meeting)
        {
            return Invalid(community.Value.Name);
        }

        var body = await meetings.FindBody(meeting.Body, ct);
        var html = new StringBuilder()
            .Append("<h1>Meld forfall</h1><p>Møte i ").Append(Html.E(body?.Name)).Append(' ').Append(Html.E(Norwegian.LongDate(meeting.Date)))
            .Append(" kl. ").Append(Norwegian.Time(meeting.Start)).Append(".</p><p>Når du melder forfall, kaller sekretariatet inn vara med en gang.</p>")
            .Append("<form method=\"post\"><input type=\"hidden\" name=\"utloper\" value=\"").Append(utloper).Append("\"><input type=\"hidden\" name=\"token\" value=\"").Append(Html.E(token))
            .Append("\"><div class=\"field\"><label for=\"reason\">Begrunnelse (valgfritt)</label><textarea id=\"reason\" name=\"reason\" rows=\"3\"></textarea></div>")
            .Append("<button type=\"submit\">Meld forfall</button></form>");
        return Html.Page($"Meld forfall – {body?.ShortName}", html.ToString(), communityName: community.Value.Name);
    }

    private static async Task<IResult> Submit(string meetingId, string memberId, HttpRequest request, MeetingLinks links, Absences absences, TimeProvider clock, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        _ = long.TryParse(form?["utloper"], out var expires);
        if (form is null || !links.IsValid("forfall", meetingId, memberId, expires, form["token"], clock.GetUtcNow()))
        {
            return Invalid(community.Value.Name);
        }

        var reason = form["reason"].ToString();
        if (reason.Length > 1000)
        {
            return Html.Page("Feil: Meld forfall", "<h1>Meld forfall</h1><p class=\"field-error\">Begrunnelsen kan ha høyst 1000 tegn. Gå tilbake og forkort den.</p>", StatusCodes.Status400BadRequest, community.Value.Name);
        }

        return await absences.Report(meetingId, memberId, reason, ct) switch
        {
            Absences.Outcome.Recorded r => Html.Page("Forfall registrert", $"<h1>Forfall registrert</h1><p>Takk, {Html.E(r.Member.Name)}. {(r.AlreadyReported ? "Forfallet var allerede registrert." : "Forfallet er registrert.")} "
                + (r.StandIn is null ? "Sekretariatet følger opp." : $"{Html.E(r.StandIn.Name)} kalles inn som vara.") + " Du får en bekreftelse på e-post.</p>", communityName: community.Value.Name),
            _ => Invalid(community.Value.Name),
        };
    }

    private static async Task<Results<Ok<AbsenceAnswer>, ProblemHttpResult>> Api(string id, AbsenceRequest request, Absences absences, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.MemberId))
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Mangler medlem", "Oppgi memberId for den som har meldt forfall.");
        }

        return await absences.Report(id, request.MemberId, request.Reason, ct) switch
        {
            Absences.Outcome.Recorded r => TypedResults.Ok(new AbsenceAnswer(id, r.Member.Id, r.StandIn?.Id, r.AlreadyReported)),
            Absences.Outcome.NotSummoned => Problems.Status(StatusCodes.Status409Conflict, "Ikke innkalt", "Bare medlemmer, og vara som er kalt inn, kan melde forfall."),
            _ => Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet eller medlemmet", $"Møtet «{id}» eller medlemmet «{request.MemberId}» finnes ikke."),
        };
    }

    private static IResult Invalid(string community) =>
        Html.Page("Lenken er ikke gyldig", "<h1>Lenken er ikke gyldig</h1><p>Lenken er utløpt eller feil. Meld forfall direkte til sekretariatet.</p>", StatusCodes.Status404NotFound, community);
}
