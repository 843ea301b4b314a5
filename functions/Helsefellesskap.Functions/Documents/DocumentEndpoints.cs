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
