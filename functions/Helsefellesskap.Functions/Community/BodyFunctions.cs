using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Community;

/// <summary>Bodies and their members. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class BodyFunctions(RequestPipeline pipeline)
{
    [Function("Bodies")]
    public Task Bodies([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "bodies")] HttpRequest request) => pipeline.Serve(request);

    [Function("BodyById")]
    public Task BodyById([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "bodies/{body}")] HttpRequest request) => pipeline.Serve(request);

    [Function("BodyMember")]
    public Task BodyMember([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "bodies/{body}/members/{id}")] HttpRequest request) => pipeline.Serve(request);

    [Function("BodyMembers")]
    public Task BodyMembers([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "bodies/{body}/members")] HttpRequest request) => pipeline.Serve(request);
}
