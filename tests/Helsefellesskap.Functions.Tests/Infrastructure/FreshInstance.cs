using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Infrastructure;

/// <summary>
/// An app instance of its own on an Azurite of its own: nothing in storage but what the test puts there,
/// so its ticks run its own cycles only and its queries stay as cheap as a new deployment's (Azurite
/// reads a whole table for every query, and the shared one fills up as the run goes on).
/// </summary>
public sealed record FreshInstance(WebApplication App, HttpClient Http, Azurite Storage) : IAsyncDisposable
{
    public static async Task<FreshInstance> Start(AppFixture app, Action<IDictionary<string, string?>>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        var storage = await Azurite.Start();
        var instance = await app.StartAnother(s =>
        {
            s["Storage:ConnectionString"] = storage.ConnectionString;
            settings?.Invoke(s);
        }, environment, services);
        return new FreshInstance(instance, new HttpClient { BaseAddress = new Uri(instance.Urls.First()) }, storage);
    }

    public IServiceProvider Services => App.Services;

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
