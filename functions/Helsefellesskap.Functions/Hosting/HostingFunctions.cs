using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Hosting;

/// <summary>
/// Health, the OpenAPI document, and every address no other function serves (the host would answer those with an
/// empty 404 or 405; the app answers with problem details in Norwegian). Each function serves its route through the
/// app's pipeline (ADR 0018).
/// </summary>
public sealed class HostingFunctions(RequestPipeline pipeline)
{
    [Function("Health")]
    public Task Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) => pipeline.Serve(request);

    [Function("OpenApi")]
    public Task OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/{documentName}.json")] HttpRequest request) => pipeline.Serve(request);

    [Function("NotFound")]
    public Task NotFound([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest request) => pipeline.Serve(request);
}
