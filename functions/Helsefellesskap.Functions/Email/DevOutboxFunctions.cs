using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Email;

/// <summary>The local outbox (Development only). Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class DevOutboxFunctions(RequestPipeline pipeline)
{
    [Function("DevOutbox")]
    public Task DevOutbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox")] HttpRequest request) => pipeline.Serve(request);

    [Function("DevOutboxMessage")]
    public Task DevOutboxMessage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox/{name}")] HttpRequest request) => pipeline.Serve(request);
}
