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
    /// <param name="settings">Changes to the test settings (no community definition is loaded unless set here).</param>
    public static async Task<FreshInstance> Start(Action<IDictionary<string, string?>>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        var storage = await Azurite.Start();
        var instance = await StartOn(storage.ConnectionString, settings, environment, services);
        return new FreshInstance(instance, new HttpClient { BaseAddress = new Uri(instance.Urls.First()) }, storage);
    }

    /// <summary>Another instance on the storage of <paramref name="connectionString"/> (a second process); the caller stops it.</summary>
    public static Task<WebApplication> StartOn(string connectionString, Action<IDictionary<string, string?>>? settings = null, string environment = "Development", Action<IServiceCollection>? services = null)
    {
        var s = AppFixture.Settings(connectionString, $"http://127.0.0.1:{Azurite.FreePort()}");
        s["Community:Definition"] = "";
        s["Community:DefinitionBodies"] = "";
        settings?.Invoke(s);
        return AppFixture.StartApp(s, services, environment);
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
