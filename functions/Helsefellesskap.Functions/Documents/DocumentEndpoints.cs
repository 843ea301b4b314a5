using Helsefellesskap.Functions.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Documents;

/// <summary>The secretariat's documents: a case paper, and a meeting's packet.</summary>
public static class DocumentEndpoints
{
    public static void MapDocuments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/{id}/document", CasePaper).RequireSecretariat();
        app.MapGet("/api/meetings/{id}/packet", Packet).RequireSecretariat();
        app.MapGet("/api/sakspapirer/{meetingId}/{memberId}", PersonalPacket);
    }

    /// <summary>The packet through the personal, expiring link sent when it is too large to attach.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PersonalPacket(string meetingId, string memberId, long utloper, string? token, Meetings.MeetingLinks links, MeetingPapers papers, TimeProvider clock, CancellationToken ct) =>
        links.IsValid("sakspapirer", meetingId, memberId, utloper, token, clock.GetUtcNow()) && await papers.Packet(meetingId, ct) is { } document
            ? Pdf(document, $"sakspapirer-{meetingId}.pdf")
            : Problems.Status(StatusCodes.Status404NotFound, "Lenken er ikke gyldig", "Lenken er utløpt eller feil. Be sekretariatet om sakspapirene.");

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
