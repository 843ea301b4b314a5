using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Community;

/// <summary>Bodies and their members. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class BodyFunctions(RequestPipeline pipeline)
{
    [Function("Bodies")]
    public Task Bodies([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "bodies")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("BodyById")]
    public Task BodyById([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "bodies/{body}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("BodyMember")]
    public Task BodyMember([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "bodies/{body}/members/{id}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("BodyMembers")]
    public Task BodyMembers([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "bodies/{body}/members")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
