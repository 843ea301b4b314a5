using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Archive;

/// <summary>The archive export and the PDF/A conversion another instance may ask for. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class ArchiveFunctions(RequestPipeline pipeline)
{
    [Function("BodyArchive")]
    public Task BodyArchive([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bodies/{body}/archive/{year}")] HttpRequest request) => pipeline.Serve(request);

    [Function("InternalPdfA")]
    public Task InternalPdfA([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "internal/pdfa")] HttpRequest request) => pipeline.Serve(request);
}
