using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Etterlevelse: a meeting's compliance timeline, and a body's year.</summary>
public static class ComplianceScreen
{
    public static void MapComplianceScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("moter/{id}/etterlevelse", async (string id, ComplianceTimeline timeline, CancellationToken ct) =>
            MeetingId.TryParse(id, out var meetingId) && await timeline.For(meetingId, ct) is { } view ? Pages.Render<CompliancePage>(new { Model = view }) : MeetingScreen.NotFound(id));
        screens.MapGet("moter/{id}/etterlevelse.pdf", async (string id, ComplianceTimeline timeline, Documents.DocumentRenderer renderer, CancellationToken ct) =>
            MeetingId.TryParse(id, out var meetingId) && await ComplianceFeature.AppendixFile(meetingId, timeline, renderer, ct) is { } file ? file : MeetingScreen.NotFound(id));
        screens.MapGet("utvalg/{body}/arkiv/{year}", async Task<IResult> (string body, string year, Archive.ArchiveExport export, CancellationToken ct) =>
            YearParameter.Parse(year) is not { } y ? InvalidYear(year)
            : await Archive.ArchiveFeature.File(body, y, export, ct) is { } file ? file
            : UnknownBody(body));
        screens.MapGet("utvalg/{body}/etterlevelse/{year}", async (string body, string year, ComplianceTimeline timeline, CancellationToken ct) =>
            YearParameter.Parse(year) is not { } y ? InvalidYear(year)
            : await timeline.Year(body, y, ct) is { } view ? Pages.Render<ComplianceYearPage>(new { Model = view })
            : UnknownBody(body));
    }

    /// <summary>The page for a year in the address that is not one.</summary>
    public static IResult InvalidYear(string year) =>
        Pages.Message("Ugyldig år", "Ugyldig år", YearParameter.Problem(year), StatusCodes.Status404NotFound, error: true, linkUrl: WorkspaceAuth.Root, linkText: "Til oversikten");

    private static IResult UnknownBody(string body) =>
        Pages.Message("Fant ikke utvalget", "Fant ikke utvalget", $"Det finnes ikke noe utvalg «{body}».", StatusCodes.Status404NotFound, error: true, linkUrl: WorkspaceAuth.Root, linkText: "Til oversikten");
}
