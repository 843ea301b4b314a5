using Helsefellesskap.Functions.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Documents;

/// <summary>The secretariat's documents: a case paper, and a meeting's packet.</summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("cases/{id}/document", CasePaper);
        secretariat.MapGet("meetings/{id}/packet", Packet);
        app.MapGet("/api/sakspapirer/{meetingId}/{memberId}", PersonalPacket);
        app.MapPost("/api/internal/render", RenderForApp);
    }

    /// <summary>The renderer role: prints a page for an app without Chromium. Answers only with the renderer key, and only where one is set.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RenderForApp(HttpRequest request, PdfRenderer renderer, Microsoft.Extensions.Options.IOptions<DocumentOptions> options, CancellationToken ct)
    {
        if (!RendererCall.IsFromApp(request, options.Value))
        {
            return Problems.Status(StatusCodes.Status404NotFound, Problems.TitleFor(404));
        }

        var page = await request.ReadFromJsonAsync<PdfRenderer.RemoteRequest>(ct);
        if (page is null || page.Html.Length == 0)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Tom side", "Send {\"html\": …, \"header\": …}.");
        }

        return TypedResults.File(await renderer.RenderHere(page.Html, new PageFrame(page.Header, page.NumberPages), ct), "application/pdf");
    }

    /// <summary>The packet through the personal, expiring link sent when it is too large to attach; without exempt papers for those not entitled to them.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PersonalPacket(string meetingId, string memberId, long utloper, string? token, Meetings.MeetingLinks links, Meetings.MeetingStore meetings, MeetingPapers papers, TimeProvider clock, CancellationToken ct)
    {
        var member = Meetings.MeetingId.TryParse(meetingId, out var id) ? await meetings.FindMember(id.Body, memberId, ct) : null;
        var restricted = member is null || !member.ReceivesExemptPapers;
        return links.IsValid("sakspapirer", meetingId, memberId, utloper, token, clock.GetUtcNow()) && await papers.Packet(meetingId, ct, restricted, grantedTo: memberId) is { } document
            ? Pdf(document, $"sakspapirer-{meetingId}.pdf")
            : Problems.Status(StatusCodes.Status404NotFound, "Lenken er ikke gyldig", "Lenken er utløpt eller feil. Be sekretariatet om sakspapirene.");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CasePaper(string id, MeetingPapers papers, CancellationToken ct) =>
        await papers.CasePaper(id, ct) is { } document
            ? Pdf(document, $"saksfremlegg-{id}.pdf")
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke saken", $"Det finnes ingen sak med referansen «{id}».");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Packet(string id, MeetingPapers papers, CancellationToken ct) =>
        await papers.Packet(id, ct) is { } document
            ? Pdf(document, $"sakspapirer-{id}.pdf")
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");

    private static FileContentHttpResult Pdf(StoredDocument document, string fileName) =>
        TypedResults.File(document.Content, "application/pdf", fileName);
}
