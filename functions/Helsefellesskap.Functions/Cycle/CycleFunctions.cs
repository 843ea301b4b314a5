using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>The cycle's routes: a member's absence page, absences by API, the cycle status, the dev clock. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class CycleFunctions(RequestPipeline pipeline, CycleRunner runner, ILogger<CycleFunctions> log)
{
    /// <summary>
    /// Every 5 minutes: starts the orchestration of any current cycle that has none and wakes those due (ADR 0019),
    /// puts the FSUs' reports before their parent bodies, makes the digest, and sends what the outbox holds.
    /// No schedule monitor: the steps wait on durable timers, so a tick missed while the app was down needs no catch-up
    /// run at start (the next tick does the same), and the start does not read and write the monitor's blob.
    /// </summary>
    [Function("CycleTicker")]
    public async Task CycleTicker([TimerTrigger("0 */5 * * * *", UseMonitor = false)] TimerInfo timer, [DurableClient] DurableTaskClient cycles, CancellationToken cancellationToken)
    {
        Common.DurableClients.Use(cycles);
        var result = await runner.Tick(cancellationToken);
        log.LogInformation("Tick: {Steps} steps run, {Emails} emails sent", result.StepsRun, result.EmailsSent);
    }

    [Function("AbsencePage")]
    public Task AbsencePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "forfall/{meetingId}/{memberId}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("DevClock")]
    public Task DevClock([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dev/clock")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MeetingAbsences")]
    public Task MeetingAbsences([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/absences")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MeetingCycle")]
    public Task MeetingCycle([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}/cycle")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
