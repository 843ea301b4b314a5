using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Hosting;

public static class HealthEndpoints
{
    public sealed record StorageHealth(bool Tables, bool Blobs);

    public sealed record Health(string Status, StorageHealth Storage, DateTimeOffset CheckedAt);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // The Functions host waits for any answer to GET / before it forwards invocations.
        app.MapGet("/", () => Pages.Render<HomePage>());

        app.MapGet("/api/health", Check);
    }

    private static async Task<Results<Ok<Health>, JsonHttpResult<Health>>> Check(StorageClients storage, TimeProvider clock, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var tables = await Reachable(() => storage.TableService.GetPropertiesAsync(timeout.Token));
        var blobs = await Reachable(() => storage.BlobService.GetPropertiesAsync(timeout.Token));
        var health = new Health(tables && blobs ? "ok" : "storage-unreachable", new StorageHealth(tables, blobs), clock.GetUtcNow());
        return tables && blobs ? TypedResults.Ok(health) : TypedResults.Json(health, statusCode: StatusCodes.Status503ServiceUnavailable);
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
