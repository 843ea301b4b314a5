using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Storage;

public static class StorageFeature
{
    public static IServiceCollection AddStorage(this IServiceCollection services)
    {
        Settings.Add<StorageOptions>(services, StorageOptions.Section, StorageOptions.Problems);
        services.AddSingleton<StorageClients>();
        services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        return services;
    }
}
