using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>Outcome, minutes draft, change requests, approval, recirculation, files; a submitter's case status. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class MinutesFunctions(RequestPipeline pipeline)
{
    [Function("CaseStatusPage")]
    public Task CaseStatusPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sak/status/{id}")] HttpRequest request) => pipeline.Serve(request);

    [Function("MeetingOutcome")]
    public Task MeetingOutcome([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "meetings/{id}/outcome")] HttpRequest request) => pipeline.Serve(request);

    [Function("MinutesApprove")]
    public Task MinutesApprove([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/approve")] HttpRequest request) => pipeline.Serve(request);

    [Function("MinutesChangeRequest")]
    public Task MinutesChangeRequest([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "referat/{meetingId}/{memberId}")] HttpRequest request) => pipeline.Serve(request);

    [Function("MinutesDraftNow")]
    public Task MinutesDraftNow([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/draft")] HttpRequest request) => pipeline.Serve(request);

    [Function("MinutesFiles")]
    public Task MinutesFiles([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/files")] HttpRequest request) => pipeline.Serve(request);

    [Function("MinutesRecirculate")]
    public Task MinutesRecirculate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/recirculate")] HttpRequest request) => pipeline.Serve(request);
}
