using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Public;

/// <summary>The public page, its feeds and the embeddable snippet. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class PublicFunctions(RequestPipeline pipeline)
{
    [Function("PublicFeedAtom")]
    public Task PublicFeedAtom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}/referater.atom")] HttpRequest request) => pipeline.Serve(request);

    [Function("PublicFeedJson")]
    public Task PublicFeedJson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}/referater.json")] HttpRequest request) => pipeline.Serve(request);

    [Function("PublicIndex")]
    public Task PublicIndex([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}")] HttpRequest request) => pipeline.Serve(request);

    [Function("PublicSnippet")]
    public Task PublicSnippet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}/siste.html")] HttpRequest request) => pipeline.Serve(request);
}
