using System.Text.Json;
using System.Text.Json.Serialization;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Cycle;

public static class CycleEndpoints
{
    public sealed record ClockRequest(DateTimeOffset? Now);

    /// <param name="StepsRun">Steps this request ran itself (on Kestrel; under the host the orchestrations run them).</param>
    /// <param name="StillDue">Under the host: the meetings whose cycle had a step due at <paramref name="Now"/> that their orchestrations had not run when the answer was given (none when all caught up).</param>
    public sealed record ClockAnswer(DateTimeOffset Now, int StepsRun, int EmailsSent, IReadOnlyList<string>? StillDue = null);

    /// <summary>How long setting the dev clock waits under the host for the woken orchestrations; a host taking over a
    /// killed one's task hub waits ~30 s for its leases, and a caller may set the same time again to wait more.</summary>
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(40);

    public static void MapCycleEndpoints(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("meetings/{id}/cycle", Status);

        app.MapPost("/api/dev/clock", SetClock).DevelopmentOnly();
    }

    private static async Task<Results<Ok<CycleStatus.CycleView>, ProblemHttpResult>> Status(string id, CycleStatus status, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await status.For(meetingId, ct) is { } view
            ? TypedResults.Ok(view)
            : Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtesyklusen", $"Møtet «{id}» finnes ikke eller har ingen syklus.");

    private static async Task<Results<Ok<ClockAnswer>, ProblemHttpResult>> SetClock(HttpRequest request, IServiceProvider services, CycleRunner runner, CancellationToken ct)
    {
        ClockRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<ClockRequest>(ct);
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body?.Now is not { } now)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Ugyldig tidspunkt", "Send {\"now\": \"2027-02-04T08:00:00+01:00\"} (ISO 8601 med tidssone).");
        }

        var clock = services.GetService<AdjustableClock>();
        if (clock is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, Problems.TitleFor(404));
        }

        clock.Set(now);
        var result = await runner.Tick(ct);

        // Time travel is one step at a time for its callers: under the host the answer waits for the orchestrations
        // the tick woke, as on Kestrel it waits for the tick's own steps.
        var stillDue = await runner.CaughtUp(now, CatchUp, ct);
        return TypedResults.Ok(new ClockAnswer(clock.GetUtcNow(), result.StepsRun, result.EmailsSent, stillDue));
    }
}
