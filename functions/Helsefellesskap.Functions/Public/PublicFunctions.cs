using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Public;

/// <summary>The public page, its feeds and the embeddable snippet. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class PublicFunctions(RequestPipeline pipeline)
{
    [Function("PublicFeedAtom")]
    public Task PublicFeedAtom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}/referater.atom")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("PublicFeedJson")]
    public Task PublicFeedJson([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}/referater.json")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("PublicIndex")]
    public Task PublicIndex([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("PublicSnippet")]
    public Task PublicSnippet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "offentlig/{body}/siste.html")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
