using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>A meeting's papers as PDF: a case paper and the packet for the secretariat, and the packet through a member's personal link.</summary>
public static class PaperEndpoints
{
    public static void MapPaperEndpoints(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("cases/{id}/document", CasePaper);
        secretariat.MapGet("meetings/{id}/packet", Packet);
        app.MapGet("/api/sakspapirer/{meetingId}/{memberId}", PersonalPacket);
    }

    /// <summary>The packet through the personal, expiring link sent when it is too large to attach; without exempt papers for those not entitled to them.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PersonalPacket(string meetingId, string memberId, long utloper, string? token, MeetingLinks links, MeetingStore meetings, MeetingPapers papers, TimeProvider clock, CancellationToken ct)
    {
        var valid = MeetingId.TryParse(meetingId, out var id);
        var member = valid ? await meetings.FindMember(id.Body, memberId, ct) : null;
        var restricted = member is null || !member.ReceivesExemptPapers;
        return valid && links.IsValid("sakspapirer", id, memberId, utloper, token, clock.GetUtcNow()) && await papers.Packet(id, ct, restricted, grantedTo: memberId) is { } document
            ? Pdf(document, $"sakspapirer-{meetingId}.pdf")
            : Problems.Status(StatusCodes.Status404NotFound, "Lenken er ikke gyldig", "Lenken er utløpt eller feil. Be sekretariatet om sakspapirene.");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CasePaper(string id, MeetingPapers papers, CancellationToken ct) =>
        await papers.CasePaper(id, ct) is { } document
            ? Pdf(document, $"saksfremlegg-{id}.pdf")
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke saken", $"Det finnes ingen sak med referansen «{id}».");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Packet(string id, MeetingPapers papers, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await papers.Packet(meetingId, ct) is { } document
            ? Pdf(document, $"sakspapirer-{id}.pdf")
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");

    private static FileContentHttpResult Pdf(StoredDocument document, string fileName) =>
        TypedResults.File(document.Content, "application/pdf", fileName);
}
