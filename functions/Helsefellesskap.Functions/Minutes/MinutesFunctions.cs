using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>Outcome, minutes draft, change requests, approval, recirculation, files; a submitter's case status. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class MinutesFunctions(RequestPipeline pipeline)
{
    [Function("CaseStatusPage")]
    public Task CaseStatusPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sak/status/{id}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("DisqualificationPage")]
    public Task DisqualificationPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "inhabil/{meetingId}/{memberId}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MeetingOutcome")]
    public Task MeetingOutcome([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "meetings/{id}/outcome")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MinutesApprove")]
    public Task MinutesApprove([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/approve")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MinutesChangeRequest")]
    public Task MinutesChangeRequest([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "referat/{meetingId}/{memberId}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MinutesInFull")]
    public Task MinutesInFull([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "referat-fullt/{meetingId}/{memberId}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MinutesDraftNow")]
    public Task MinutesDraftNow([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/draft")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MinutesFiles")]
    public Task MinutesFiles([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/files")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MinutesRecirculate")]
    public Task MinutesRecirculate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/recirculate")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
