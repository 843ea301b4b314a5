namespace Helsefellesskap.Functions.Agenda;

/// <summary>
/// A meeting's agenda and papers: settling which cases go on it, numbering and freezing it, the case papers, summons
/// and packet made from it, a case's text edited until it is frozen; and changes to the meeting plan (adopt, move,
/// cancel), which reach the cases on the agenda and the meeting's cycle.
/// </summary>
public static class AgendaFeature
{
    public static IServiceCollection AddAgenda(this IServiceCollection services)
    {
        services.AddSingleton<AgendaService>();
        services.AddSingleton<CaseNumberStore>();
        services.AddSingleton<AgendaSettlement>();
        services.AddSingleton<MeetingPapers>();
        services.AddSingleton<MeetingChanges>();
        services.AddSingleton<CaseEdits>();
        services.AddSingleton<MeetingPlanning>();
        return services;
    }

    public static IEndpointRouteBuilder MapAgenda(this IEndpointRouteBuilder app)
    {
        app.MapMeetingPlan();
        app.MapAgendaEndpoints();
        app.MapPaperEndpoints();
        return app;
    }
}
