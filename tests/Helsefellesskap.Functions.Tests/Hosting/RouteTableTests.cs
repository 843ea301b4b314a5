using System.Reflection;
using System.Text.Json;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>
/// The Functions host serves only the routes the app's [Function] attributes declare (the Worker SDK writes them
/// to functions.metadata): they must match the app's routes, both ways; what no function declares reaches the
/// catch-all, which answers with the app's problem details.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class RouteTableTests(AppFixture app)
{
    /// <summary>The catch-all function: every address no other function serves.</summary>
    public const string CatchAll = "NotFound";

    /// <summary>The app's functions and their triggers (HTTP, timer, orchestration, activity), read from the attributes as the Worker SDK reads them.</summary>
    public static IEnumerable<(string Name, object Trigger)> Functions() =>
        typeof(Helsefellesskap.Functions.Web.RequestPipeline).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
            .Where(f => f.Function is not null)
            .Select(f => (f.Function!.Name, Trigger: f.Method.GetParameters().SelectMany(p => p.GetCustomAttributes()).Single(a => a is TriggerBindingAttribute) as object));

    /// <summary>The HTTP routes the functions declare (the catch-all left out), as "METHOD /api/route".</summary>
    public static HashSet<string> FunctionRoutes()
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, trigger) in Functions().Where(f => f.Name != CatchAll))
        {
            if (trigger is HttpTriggerAttribute http)
            {
                foreach (var method in http.Methods!)
                {
                    routes.Add($"{method.ToUpperInvariant()} /api/{http.Route}");
                }
            }
        }

        return routes;
    }

    private HashSet<string> AppRoutes()
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                routes.Add($"{method} {pattern.TrimEnd('/')}");
            }
        }

        return routes;
    }

    /// <summary>
    /// Whether a function's route forwards this app route: the same, or a catch-all ("GET /api/sekretariat/{*path}")
    /// with the same method over the route's prefix (the workspace's screens share one function).
    /// </summary>
    public static bool Covers(string functionRoute, string appRoute)
    {
        if (functionRoute == appRoute)
        {
            return true;
        }

        var star = functionRoute.IndexOf("{*", StringComparison.Ordinal);
        return star > 0 && functionRoute.EndsWith('}') && appRoute.StartsWith(functionRoute[..star], StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFunctionRoute_ExistsInTheApp()
    {
        var app = AppRoutes();
        var uncovered = FunctionRoutes().Where(f => !app.Any(a => Covers(f, a))).ToList();
        Assert.Empty(uncovered);
    }

    [Fact]
    public void EveryAppRoute_HasAFunction()
    {
        var functions = FunctionRoutes();
        var uncovered = AppRoutes().Where(a => !functions.Any(f => Covers(f, a))).ToList();
        Assert.Empty(uncovered);
    }

    [Fact]
    public void ACatchAllRoute_CoversOnlyItsPrefixAndMethod()
    {
        Assert.True(Covers("GET /api/sekretariat/{*path}", "GET /api/sekretariat/saker/{id}"));
        Assert.False(Covers("GET /api/sekretariat/{*path}", "POST /api/sekretariat/saker/{id}"));
        Assert.False(Covers("GET /api/sekretariat/{*path}", "GET /api/sekretariat"));
        Assert.False(Covers("GET /api/sak/ny", "GET /api/sak/ny/x"));
    }

    [Fact]
    public void FunctionNames_AreUnique_AndTheCatchAllTakesEveryMethodBelowApi()
    {
        var functions = Functions().ToList();
        Assert.Equal(functions.Count, functions.Select(f => f.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var catchAll = Assert.IsType<HttpTriggerAttribute>(functions.Single(f => f.Name == CatchAll).Trigger);
        Assert.Equal("{*path}", catchAll.Route);
        Assert.Equal(["get", "head", "post", "put", "patch", "delete"], catchAll.Methods ?? []);
        Assert.All(functions.Select(f => f.Trigger).OfType<HttpTriggerAttribute>(), t => Assert.Equal(AuthorizationLevel.Anonymous, t.AuthLevel));
    }

    [Fact]
    public void TheCycleTicker_IsATimerEveryFiveMinutes_WithNoCatchUpRunAtStart()
    {
        var timer = Assert.IsType<TimerTriggerAttribute>(Functions().Single(f => f.Name == "CycleTicker").Trigger);
        Assert.Equal("0 */5 * * * *", timer.Schedule);
        Assert.Equal((false, false), (timer.UseMonitor, timer.RunOnStartup));
    }

    [Fact]
    public void HostJson_IsForTheIsolatedWorker_WithTheApiPrefix()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.App, "host.json")));
        Assert.False(json.RootElement.TryGetProperty("customHandler", out _));
        // .NET isolated apps bring their extensions through the Worker SDK; a bundle would make the local host answer 503.
        Assert.False(json.RootElement.TryGetProperty("extensionBundle", out _));
        Assert.Equal("api", json.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
