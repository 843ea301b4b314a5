using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Etterlevelse: a meeting's compliance timeline, and a body's year.</summary>
public static class ComplianceScreen
{
    public static void MapComplianceScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("moter/{id}/etterlevelse", async (string id, ComplianceTimeline timeline, CancellationToken ct) =>
            await timeline.For(id, ct) is { } view ? Pages.Render<CompliancePage>(new { Model = view }) : MeetingScreen.NotFound(id));
        screens.MapGet("moter/{id}/etterlevelse.pdf", async (string id, ComplianceTimeline timeline, Documents.DocumentRenderer renderer, CancellationToken ct) =>
            await ComplianceFeature.AppendixFile(id, timeline, renderer, ct) is { } file ? file : MeetingScreen.NotFound(id));
        screens.MapGet("utvalg/{body}/arkiv/{year}", async Task<IResult> (string body, string year, Archive.ArchiveExport export, CancellationToken ct) =>
            await Archive.ArchiveFeature.File(body, year, export, ct) is { } file
                ? file
                : Pages.Message("Fant ikke utvalget", "Fant ikke utvalget", $"Det finnes ikke noe utvalg «{body}» eller noe år «{year}».", StatusCodes.Status404NotFound, error: true,
                    linkUrl: WorkspaceAuth.Root, linkText: "Til oversikten"));
        screens.MapGet("utvalg/{body}/etterlevelse/{year}", async (string body, string year, ComplianceTimeline timeline, CancellationToken ct) =>
            ComplianceFeature.ParseYear(year) is not { } y
                ? Pages.Message("Ugyldig år", "Ugyldig år", $"«{year}» er ikke et årstall mellom {ComplianceFeature.FirstYear} og {ComplianceFeature.LastYear}.", StatusCodes.Status404NotFound, error: true,
                    linkUrl: WorkspaceAuth.Root, linkText: "Til oversikten")
                : await timeline.Year(body, y, ct) is { } view
                    ? Pages.Render<ComplianceYearPage>(new { Model = view })
                    : Pages.Message("Fant ikke utvalget", "Fant ikke utvalget", $"Det finnes ikke noe utvalg «{body}».", StatusCodes.Status404NotFound, error: true,
                        linkUrl: WorkspaceAuth.Root, linkText: "Til oversikten"));
    }
}
