using System.Net;
using System.Text.Json;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Hosting;

[Collection(AppCollection.Name)]
[OwnTime]
public sealed class HostContractTests(AppFixture app)
{
    [Fact]
    public async Task Health_ReportsStorageReachable()
    {
        var response = await app.Http.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        // Other tests in the run may have left a failing email or step behind: then it says so.
        var work = json.RootElement.GetProperty("work");
        var failing = work.GetProperty("failingSteps").GetInt32() + work.GetProperty("failedEmails").GetInt32();
        Assert.Equal(failing == 0 ? "ok" : "degraded", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("storage").GetProperty("tables").GetBoolean());
        Assert.True(json.RootElement.GetProperty("storage").GetProperty("blobs").GetBoolean());
    }

    [Fact]
    public async Task Health_IsDegraded_WhileAnEmailIsGivenUp()
    {
        var table = await app.Storage.Table(Functions.Storage.StorageNames.Outbox);
        var id = $"test-failed.{Guid.NewGuid():N}";
        await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("email", id) { ["MessageId"] = id, ["State"] = "Failed", ["Attempts"] = 10 });

        using var json = JsonDocument.Parse(await app.Http.GetStringAsync("/api/health"));
        Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("work").GetProperty("failedEmails").GetInt32() >= 1);
    }

    [Fact]
    public async Task Health_ReportsStorageUnreachable_With503()
    {
        // Storage on ports where nothing listens.
        await using var down = await app.StartAnother(s => s["Storage:ConnectionString"] = Azurite.ConnectionStringFor(Azurite.FreePort(), Azurite.FreePort(), Azurite.FreePort()));
        using var http = new HttpClient { BaseAddress = new Uri(down.Urls.First()) };
        var response = await http.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("storage-unreachable", json.RootElement.GetProperty("status").GetString());
        await down.StopAsync();
    }

    [Fact]
    public async Task UnknownRoute_IsProblemDetailsInNorwegian()
    {
        var response = await app.Http.GetAsync("/api/finnes-ikke");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Fant ikke", await response.Content.ReadAsStringAsync());
    }
}
