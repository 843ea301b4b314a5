namespace Helsefellesskap.Functions.Minutes;

/// <summary>After the meeting: the outcome, the minutes, the draft's circulation and approval.</summary>
public static class MinutesFeature
{
    public static IServiceCollection AddMinutes(this IServiceCollection services)
    {
        services.AddSingleton<MinutesStore>();
        services.AddSingleton<MinutesDocument>();
        services.AddSingleton<FullMinutes>();
        services.AddSingleton<OutcomeRecording>();
        services.AddSingleton<DraftCirculation>();
        services.AddSingleton<SecretariatMinutes>();
        services.AddSingleton<MinutesFiles>();
        services.AddSingleton<CaseProgress>();
        services.AddSingleton<DisqualificationNotices>();
        return services;
    }

    public static IEndpointRouteBuilder MapMinutes(this IEndpointRouteBuilder app)
    {
        app.MapMinutesEndpoints();
        app.MapCaseStatus();
        app.MapDisqualification();
        return app;
    }
}
