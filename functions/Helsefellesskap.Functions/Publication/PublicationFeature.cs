namespace Helsefellesskap.Functions.Publication;

/// <summary>Publishing: the approved minutes and the public papers put at their stable public addresses, and who is told.</summary>
public static class PublicationFeature
{
    public static IServiceCollection AddPublication(this IServiceCollection services)
    {
        services.AddSingleton<PublicationStore>();
        services.AddSingleton<Publisher>();
        services.AddSingleton<MinutesCorrections>();
        return services;
    }

    public static IEndpointRouteBuilder MapPublication(this IEndpointRouteBuilder app)
    {
        app.MapPublicationEndpoints();
        return app;
    }
}
