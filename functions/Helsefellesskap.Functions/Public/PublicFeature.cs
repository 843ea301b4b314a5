namespace Helsefellesskap.Functions.Public;

/// <summary>What the public and the partners' websites read: a body's public page, the feeds and the embeddable snippet.</summary>
public static class PublicFeature
{
    public static IEndpointRouteBuilder MapPublic(this IEndpointRouteBuilder app)
    {
        app.MapPublicEndpoints();
        return app;
    }
}
