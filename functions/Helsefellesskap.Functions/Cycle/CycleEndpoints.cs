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

    public sealed record ClockAnswer(DateTimeOffset Now, int StepsRun, int EmailsSent);

    public static void MapCycleEndpoints(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("meetings/{id}/cycle", Status);

        app.MapPost("/api/dev/clock", SetClock).DevelopmentOnly();
    }

    private static async Task<Results<Ok<CycleStatus.CycleView>, ProblemHttpResult>> Status(string id, CycleStatus status, CancellationToken ct) =>
        await status.For(id, ct) is { } view
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
        return TypedResults.Ok(new ClockAnswer(clock.GetUtcNow(), result.StepsRun, result.EmailsSent));
    }
}
