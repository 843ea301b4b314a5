using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Publication;

/// <summary>A correction of approved minutes, served through the app's pipeline (ADR 0018).</summary>
public sealed class PublicationFunctions(RequestPipeline pipeline)
{
    [Function("MinutesCorrection")]
    public Task MinutesCorrection([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{id}/minutes/corrections")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
