using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Publication;

/// <summary>A correction ("Rettelse") of approved minutes: recorded under the outcome's rules, then republished at the same address.</summary>
public static class PublicationEndpoints
{
    /// <param name="Reason">Why the minutes are corrected (required; printed in the minutes, the publication and the archive).</param>
    /// <param name="Outcome">The corrected outcome, in the shape of <c>PUT /api/meetings/{id}/outcome</c>.</param>
    public sealed record CorrectionInput(string? Reason, OutcomeRecording.OutcomeInput? Outcome);

    public sealed record CorrectionAnswer(MeetingOutcome Outcome, PublishedCorrection? Correction);

    public static void MapPublicationEndpoints(this IEndpointRouteBuilder app)
    {
        app.SecretariatRoutes().MapPost("meetings/{id}/minutes/corrections", Correct);
    }

    private static async Task<Results<Ok<CorrectionAnswer>, ProblemHttpResult>> Correct(string id, CorrectionInput input, MinutesCorrections corrections, CancellationToken ct)
    {
        var corrected = MeetingId.TryParse(id, out var meetingId)
            ? await corrections.Correct(meetingId, input.Outcome ?? new OutcomeRecording.OutcomeInput(null, null, null), input.Reason, Minutes.MinutesState.BySecretariat, ct)
            : null;
        return corrected switch
        {
            null => Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtet", $"Det finnes ikke noe møte «{id}»."),
            { Result: OutcomeRecording.Result.Recorded recorded } => TypedResults.Ok(new CorrectionAnswer(recorded.Outcome, corrected.Correction)),
            _ => MinutesEndpoints.OutcomeProblem(corrected.Result),
        };
    }
}
