using System.Text.Json;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>The Functions host forwards only the routes its function.json files declare: they must match the app's, both ways.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class RouteTableTests(AppFixture app)
{
    /// <summary>The HTTP routes the function.json files under a Functions root declare, as "METHOD /api/route".</summary>
    public static HashSet<string> FunctionRoutes(string functionsRoot)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetDirectories(functionsRoot).Select(d => Path.Combine(d, "function.json")).Where(File.Exists))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var binding in json.RootElement.GetProperty("bindings").EnumerateArray().Where(b => b.GetProperty("type").GetString() == "httpTrigger"))
            {
                var route = "/api/" + binding.GetProperty("route").GetString();
                foreach (var method in binding.GetProperty("methods").EnumerateArray())
                {
                    routes.Add($"{method.GetString()!.ToUpperInvariant()} {route}");
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
                continue; // GET / is the host's readiness probe; non-HTTP triggers arrive as POST /{FunctionName}.
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
    public void EveryFunctionJsonRoute_ExistsInTheApp()
    {
        var app = AppRoutes();
        var uncovered = FunctionRoutes(RepoPaths.Functions).Where(f => !app.Any(a => Covers(f, a))).ToList();
        Assert.Empty(uncovered);
    }

    [Fact]
    public void EveryAppRoute_HasAFunctionJson()
    {
        var functions = FunctionRoutes(RepoPaths.Functions);
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
    public void HostJson_ForwardsHttpToTheCustomHandler()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Functions, "host.json")));
        var handler = json.RootElement.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        // Hosts without proxying (older Core Tools) forward HTTP requests as they are instead of as invocations.
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("app/Helsefellesskap.Functions", handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString());
        Assert.Equal("api", json.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }
}
