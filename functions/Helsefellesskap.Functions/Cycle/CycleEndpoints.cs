using System.Text.Json;
using System.Text.Json.Serialization;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Cycle;

public static class CycleEndpoints
{
    public sealed record StepView(string Step, string Label, DateTimeOffset PlannedAt, StepStatus Status, DateTimeOffset? DoneAt, string? Outcome, bool Late);

    public sealed record NextView(string Step, string Label, DateTimeOffset DueAt);

    public sealed record CycleView(string MeetingId, DateOnly Date, bool AgendaFrozen, NextView? Next, IReadOnlyList<StepView> Steps, IReadOnlyList<string> Warnings);

    /// <summary>The custom-handler answer, with the host's own names (PascalCase, whatever the app's JSON policy).</summary>
    public sealed record TickAnswer(
        [property: JsonPropertyName("Outputs")] Dictionary<string, object> Outputs,
        [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
        [property: JsonPropertyName("ReturnValue")] object? ReturnValue);

    public sealed record ClockRequest(DateTimeOffset? Now);

    public sealed record ClockAnswer(DateTimeOffset Now, int StepsRun, int EmailsSent);

    /// <summary>A step done more than this after its planned time counts as late.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(15);

    public static void MapCycleEndpoints(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("meetings/{id}/cycle", Status);

        // The Functions host posts the timer trigger to /{FunctionName} and wants a 2xx with Outputs, Logs and ReturnValue.
        app.MapPost("/CycleTicker", async (CycleRunner runner, CancellationToken ct) =>
        {
            var result = await runner.Tick(ct);
            return TypedResults.Ok(new TickAnswer([], [$"{result.StepsRun} steps run, {result.EmailsSent} emails sent"], null));
        });

        app.MapPost("/api/dev/clock", SetClock).DevelopmentOnly();
    }

    private static async Task<Results<Ok<CycleView>, ProblemHttpResult>> Status(string id, CycleStore store, AgendaService agendas, MeetingStore meetings, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await meetings.FindMeeting(id, ct);
        var instance = meeting is null ? null : await store.Find(id, ct);
        if (meeting is null || instance is null)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Fant ikke møtesyklusen", $"Møtet «{id}» finnes ikke eller har ingen syklus.");
        }

        var now = clock.GetUtcNow();
        var steps = (await store.StepsOf(id, ct))
            .Select(s => new StepView(s.Step.ToString(), CyclePlan.Label(s.Step), s.PlannedAt, s.Status, s.DoneAt, s.Outcome,
                s.Status == StepStatus.Done && s.DoneAt > s.PlannedAt + Tolerance))
            .ToList();
        var warnings = new List<string>();
        if (instance.NextDueAt is { } due && due + Tolerance < now)
        {
            warnings.Add($"Steget «{CyclePlan.Label(instance.NextStep!.Value)}» skulle vært utført {Norwegian.DateTime(due)} og er forsinket.");
        }

        warnings.AddRange(steps.Where(s => s.Late).Select(s => $"Steget «{s.Label}» ble utført for sent ({Norwegian.DateTime(s.DoneAt!.Value)}, planlagt {Norwegian.DateTime(s.PlannedAt)})."));
        var frozen = (await agendas.State(id, ct)).Frozen;
        var body = await meetings.FindBody(meeting.Body, ct);
        if (!frozen && body is not null && Oslo.DateOf(now) >= meeting.Date.AddDays(-body.Rules.AgendaFreezeDays))
        {
            warnings.Add("Sakslisten er ikke fastsatt.");
        }

        // "Publiseringsfristen er i fare": the draft must go by the last day whose approval window ends by T + 7 d.
        if (body is not null && steps.SingleOrDefault(s => s.Step == nameof(CycleStep.MinutesDraft)) is { Status: StepStatus.Pending })
        {
            var latest = Minutes.MeetingRules.LatestDraftDay(meeting, body.Rules);
            var today = Oslo.DateOf(now);
            if (latest is null && today >= meeting.Date)
            {
                warnings.Add("Publiseringsfristen kan ikke nås: med 4 virkedagers merknadsfrist rekker ikke referatet å bli godkjent innen 7 dager.");
            }
            else if (latest is { } day && today >= day)
            {
                warnings.Add($"Publiseringsfristen er i fare: utkast til referat må sendes senest {Norwegian.LongDate(day)}.");
            }
        }

        var next = instance.NextStep is { } step && instance.NextDueAt is { } at ? new NextView(step.ToString(), CyclePlan.Label(step), at) : null;
        return TypedResults.Ok(new CycleView(id, meeting.Date, frozen, next, steps, warnings));
    }

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
