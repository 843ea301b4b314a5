using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Hosting;

public static class HealthEndpoints
{
    public sealed record StorageHealth(bool Tables, bool Blobs);

    /// <param name="FailingSteps">Cycle steps that failed and wait for a retry; <paramref name="FailedEmails"/> emails given up.</param>
    /// <param name="MailProvider">While the mail provider refuses the app's credentials: what the secretariat is told (Norwegian).</param>
    public sealed record WorkHealth(int FailingSteps, int FailedEmails, string? MailProvider = null);

    /// <summary>
    /// "ok"; "unhealthy" (200) while the mail provider refuses the app's credentials (no email can go: the alert that
    /// does not go by email); "degraded" (200) when a cycle step or an email is failing, or the community definition could
    /// not be loaded; "starting" (503, Retry-After) while it is being loaded after start; "storage-unreachable" (503).
    /// </summary>
    /// <param name="Data">The community definition: "none" (not configured), "loading", "ready" or "failed".</param>
    public sealed record Health(string Status, StorageHealth Storage, DateTimeOffset CheckedAt, WorkHealth? Work = null, string Data = "none");

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", Check);
    }

    private static async Task<Results<Ok<Health>, JsonHttpResult<Health>>> Check(StorageClients storage, Cycle.CycleStore cycles, Email.EmailOutbox outbox, Email.MailProviderAlert provider,
        Readiness readiness, HttpContext context, TimeProvider clock, CancellationToken ct)
    {
        var data = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(readiness.Data.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var tables = await Reachable(() => storage.TableService.GetPropertiesAsync(timeout.Token));
        var blobs = await Reachable(() => storage.BlobService.GetPropertiesAsync(timeout.Token));
        if (!tables || !blobs)
        {
            return TypedResults.Json(new Health("storage-unreachable", new StorageHealth(tables, blobs), clock.GetUtcNow(), Data: data), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (readiness.Data == Readiness.DataState.Loading)
        {
            // Listening, but the bodies and people of the definition are still being written: not ready yet.
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Json(new Health("starting", new StorageHealth(tables, blobs), clock.GetUtcNow(), Data: data), statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var refusal = await provider.Current(timeout.Token);
        var work = new WorkHealth(await cycles.FailingSteps(timeout.Token), await outbox.FailedCount(timeout.Token), refusal is null ? null : Email.MailProviderAlert.Message(refusal));
        var healthy = work is { FailingSteps: 0, FailedEmails: 0 } && readiness.Data != Readiness.DataState.Failed;
        var status = refusal is not null ? "unhealthy" : healthy ? "ok" : "degraded";
        return TypedResults.Ok(new Health(status, new StorageHealth(tables, blobs), clock.GetUtcNow(), work, data));
    }

    private static async Task<bool> Reachable(Func<Task> probe)
    {
        try
        {
            await probe();
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or AggregateException)
        {
            return false;
        }
    }
}
