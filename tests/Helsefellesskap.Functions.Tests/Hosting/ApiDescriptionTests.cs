using System.Text.Json;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Hosting;

/// <summary>The OpenAPI document and the .http file describe every route the secretariat can call.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class ApiDescriptionTests(AppFixture app)
{
    /// <summary>Every route that needs the key, as "PUT /api/meetings/{id}/agenda".</summary>
    private List<(string Method, string Route)> SecretariatRoutes() =>
        app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.OfType<SecretariatAccess.Required>().Any())
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))))
            .ToList();

    [Fact]
    public void SecretariatRoutes_AreMarked()
    {
        // Without this, the two tests below would pass on nothing.
        Assert.True(SecretariatRoutes().Count >= 16, $"{SecretariatRoutes().Count} secretariat routes found.");
    }

    [Fact]
    public async Task OpenApiDocument_ListsEverySecretariatRoute()
    {
        using var document = JsonDocument.Parse(await app.Http.GetStringAsync("/api/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.Equal("Helsefellesskap – sekretariatets API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        foreach (var (method, route) in SecretariatRoutes())
        {
            Assert.True(paths.TryGetProperty(route, out var path) && path.TryGetProperty(method.ToLowerInvariant(), out _), $"{method} {route} is missing from the OpenAPI document.");
        }
    }

    [Fact]
    public void HttpFile_HasARequestForEverySecretariatRoute()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Functions, "Helsefellesskap.Functions", "secretariat.http"));
        foreach (var (method, route) in SecretariatRoutes())
        {
            var pattern = new Regex("^" + method + @" \{\{base\}\}" + Regex.Replace(Regex.Escape(route), @"\\\{[^}]+}", @"[^/?\s]+") + @"(\?\S*)?$");
            Assert.True(lines.Any(pattern.IsMatch), $"secretariat.http has no request for {method} {route}.");
        }
    }
}
