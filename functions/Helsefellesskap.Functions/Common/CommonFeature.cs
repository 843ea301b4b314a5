namespace Helsefellesskap.Functions.Common;

/// <summary>The shared kernel's settings and services: the community, the secretariat, signed links, work after the answer.</summary>
public static class CommonFeature
{
    public static IServiceCollection AddCommon(this IServiceCollection services)
    {
        Settings.Add<CommunityOptions>(services, CommunityOptions.Section, CommunityOptions.Problems);
        Settings.Add<SecretariatOptions>(services, SecretariatOptions.Section, SecretariatOptions.Problems);
        Settings.Add<LinkOptions>(services, LinkOptions.Section, LinkOptions.Problems);
        services.AddSingleton<SignedLinks>();
        services.AddSingleton<AfterAnswer>();
        services.AddHostedService(sp => sp.GetRequiredService<AfterAnswer>());
        return services;
    }

    /// <summary>The routes of an area that only the secretariat may call (x-functions-key), under /api.</summary>
    public static RouteGroupBuilder SecretariatRoutes(this IEndpointRouteBuilder app) => app.MapGroup("/api").RequireSecretariat();

    /// <summary>The routes of an area anyone may call (a signed link, where there is one, is checked by the handler).</summary>
    public static RouteGroupBuilder PublicRoutes(this IEndpointRouteBuilder app) => app.MapGroup("/api");
}
