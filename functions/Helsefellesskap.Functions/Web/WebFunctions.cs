using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Web;

/// <summary>The stylesheet. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class WebFunctions(RequestPipeline pipeline)
{
    [Function("Stylesheet")]
    public Task Stylesheet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ressurser/site.css")] HttpRequest request) => pipeline.Serve(request);
}
