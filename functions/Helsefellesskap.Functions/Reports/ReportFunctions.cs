using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Reports;

/// <summary>The annual report: its texts, its document, issuing it. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class ReportFunctions(RequestPipeline pipeline)
{
    [Function("AnnualReport")]
    public Task AnnualReport([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "reports/annual/{year}")] HttpRequest request) => pipeline.Serve(request);

    [Function("AnnualReportDocument")]
    public Task AnnualReportDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "reports/annual/{year}/document")] HttpRequest request) => pipeline.Serve(request);

    [Function("AnnualReportIssue")]
    public Task AnnualReportIssue([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "reports/annual/{year}/issue")] HttpRequest request) => pipeline.Serve(request);
}
