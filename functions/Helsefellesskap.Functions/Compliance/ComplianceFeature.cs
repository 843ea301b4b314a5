using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Compliance;

/// <summary>The compliance timeline (etterlevelse): per meeting, and a body's year, for the secretariat.</summary>
public static class ComplianceFeature
{
    public static IServiceCollection AddCompliance(this IServiceCollection services)
    {
        services.AddSingleton<ComplianceTimeline>();
        return services;
    }

    public static IEndpointRouteBuilder MapCompliance(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("meetings/{id}/compliance", Meeting);
        secretariat.MapGet("meetings/{id}/compliance.pdf", Appendix);
        secretariat.MapGet("bodies/{body}/compliance/{year}", Year);
        return app;
    }

    private static async Task<Results<Ok<ComplianceTimeline.MeetingView>, ProblemHttpResult>> Meeting(string id, ComplianceTimeline timeline, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await timeline.For(meetingId, ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Appendix(string id, ComplianceTimeline timeline, DocumentRenderer renderer, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await AppendixFile(meetingId, timeline, renderer, ct) is { } file
            ? file
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».");

    /// <summary>The timeline as the appendix to the minutes (a tagged PDF like the other documents); null when the meeting does not exist.</summary>
    public static async Task<FileContentHttpResult?> AppendixFile(MeetingId id, ComplianceTimeline timeline, DocumentRenderer renderer, CancellationToken ct)
    {
        if (await timeline.Facts(id, ct) is not { } facts)
        {
            return null;
        }

        return TypedResults.File((await RenderAppendix(facts, timeline, renderer, ct)).Pdf, "application/pdf", $"etterlevelse-{facts.Meeting.Id}.pdf");
    }

    /// <summary>The appendix "Etterlevelse av fristene" of one meeting, printed.</summary>
    public static Task<RenderedDocument> RenderAppendix(MeetingFacts facts, ComplianceTimeline timeline, DocumentRenderer renderer, CancellationToken ct) =>
        renderer.Render(DocumentTemplates.Compliance, ComplianceDocumentModel.Of(timeline.View(facts), facts.Body, facts.Meeting), ComplianceDocumentModel.Info(facts.Body, facts.Meeting), ct);

    private static async Task<Results<Ok<ComplianceTimeline.YearView>, ProblemHttpResult>> Year(string body, string year, ComplianceTimeline timeline, CancellationToken ct)
    {
        if (YearParameter.Parse(year) is not { } y)
        {
            return YearParameter.Invalid(year);
        }

        return await timeline.Year(body, y, ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.Status(StatusCodes.Status404NotFound, "Utvalget finnes ikke", $"Det finnes ikke noe utvalg med koden «{body}».");
    }
}
