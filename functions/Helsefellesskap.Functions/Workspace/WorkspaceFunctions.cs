using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>The secretariat's workspace (every screen, sign-in and its callback). Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class WorkspaceFunctions(RequestPipeline pipeline)
{
    [Function("Workspace")]
    public Task Workspace([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "sekretariat/{*path}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("WorkspaceHome")]
    public Task WorkspaceHome([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sekretariat")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
