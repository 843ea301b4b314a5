using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// The submitter's status page (<see cref="CaseStatusPage"/>), reached by the signed link in the receipt: where the
/// case stands, from received to the decision in the minutes.
/// </summary>
public static class CaseStatusEndpoints
{
    public static void MapCaseStatus(this IEndpointRouteBuilder app) => app.MapGet("/api/sak/status/{id}", Status);

    private static async Task<IResult> Status(string id, string? token, string? kvittering, CaseStore cases, CaseLinks links, MeetingStore meetings, CaseProgress progress, TimeProvider clock, CancellationToken ct)
    {
        var found = links.IsValid(id, token) ? await cases.Find(id, ct) : null;
        if (found is null)
        {
            return Pages.Message("Fant ikke saken", "Fant ikke saken", "Lenken er ikke gyldig. Bruk lenken i kvitteringen du fikk på e-post, eller kontakt sekretariatet.", StatusCodes.Status404NotFound);
        }

        if (CaseLinks.HasExpired(found, clock.GetUtcNow()))
        {
            return Pages.Message("Lenken er utløpt", "Lenken er utløpt",
                $"Lenken til saken virket til og med {Norwegian.LongDate(CaseLinks.LastDay(found))}. Kontakt sekretariatet hvis du vil vite mer om saken.", StatusCodes.Status410Gone);
        }

        var body = await meetings.FindBody(found.Body, ct);
        var meeting = found.MeetingId is null ? null : await meetings.FindMeeting(found.MeetingId, ct);
        return Pages.Render<CaseStatusPage>(new { Case = found, Body = body, Meeting = meeting, Progress = await progress.Of(found, ct), StatusUrl = links.StatusUrl(found.Id), Receipt = kvittering is not null });
    }
}
