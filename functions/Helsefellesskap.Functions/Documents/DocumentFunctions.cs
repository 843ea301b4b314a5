using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Documents;

/// <summary>Printing for an instance configured without Chromium. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class DocumentFunctions(RequestPipeline pipeline)
{
    [Function("InternalRender")]
    public Task InternalRender([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/render")] HttpRequest request) => pipeline.Serve(request);
}
