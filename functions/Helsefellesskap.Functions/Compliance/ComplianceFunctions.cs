using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Compliance;

/// <summary>Compliance: a body's year, a meeting's rows and its appendix. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class ComplianceFunctions(RequestPipeline pipeline)
{
    [Function("BodyCompliance")]
    public Task BodyCompliance([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bodies/{body}/compliance/{year}")] HttpRequest request) => pipeline.Serve(request);

    [Function("MeetingCompliance")]
    public Task MeetingCompliance([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}/compliance")] HttpRequest request) => pipeline.Serve(request);

    [Function("MeetingComplianceAppendix")]
    public Task MeetingComplianceAppendix([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}/compliance.pdf")] HttpRequest request) => pipeline.Serve(request);
}
