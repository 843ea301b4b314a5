namespace Helsefellesskap.Functions.Meetings;

/// <summary>Bodies, members, the meeting plan and the agenda.</summary>
public static class MeetingsFeature
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<AgendaService>();
        services.AddSingleton<CaseNumberStore>();
        services.AddSingleton<MeetingLinks>();
        services.AddSingleton<MeetingChanges>();
        services.AddSingleton<MeetingPlanning>();
        services.AddSingleton<AgendaSettlement>();
        return services;
    }

    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        app.MapMeetingPlan();
        app.MapAgenda();
        return app;
    }
}
