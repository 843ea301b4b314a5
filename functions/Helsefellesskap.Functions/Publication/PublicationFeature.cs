namespace Helsefellesskap.Functions.Publication;

/// <summary>What the public and the partners' websites read: published PDFs, the public page, feeds and snippet.</summary>
public static class PublicationFeature
{
    public static IServiceCollection AddPublication(this IServiceCollection services)
    {
        services.AddSingleton<PublicationStore>();
        services.AddSingleton<Publisher>();
        return services;
    }

    public static IEndpointRouteBuilder MapPublication(this IEndpointRouteBuilder app)
    {
        app.MapPublicEndpoints();
        return app;
    }
}
