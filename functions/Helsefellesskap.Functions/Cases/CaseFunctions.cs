using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Cases;

/// <summary>Case intake (API and form), a case, its exemption access. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class CaseFunctions(RequestPipeline pipeline)
{
    [Function("CaseById")]
    public Task CaseById([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{id}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("CaseExemptionAccess")]
    public Task CaseExemptionAccess([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "cases/{id}/exemption/access")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("CaseForm")]
    public Task CaseForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "sak/ny")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("Cases")]
    public Task Cases([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "cases")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
