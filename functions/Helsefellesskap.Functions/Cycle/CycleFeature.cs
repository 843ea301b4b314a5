using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>The durable meeting cycle: its store, runner, steps and ticker; absence and deputies.</summary>
public static class CycleFeature
{
    public static IServiceCollection AddCycle(this IServiceCollection services)
    {
        Settings.Add<CycleOptions>(services, CycleOptions.Section, CycleOptions.Problems);
        services.AddSingleton<CycleStore>();
        services.AddSingleton<CycleSteps>();
        services.AddSingleton<CycleRunner>();
        // Under the Functions host each meeting's cycle is a Durable orchestration (ADR 0019); on Kestrel the ticker moves it.
        services.AddSingleton(sp => new CycleOrchestrations(FunctionsWorker.StartedByHost, sp.GetRequiredService<ILogger<CycleOrchestrations>>()));
        services.AddSingleton<IMeetingCycle>(sp => sp.GetRequiredService<CycleRunner>());
        services.AddSingleton<FsuReports>();
        services.AddSingleton<Absences>();
        services.AddSingleton<CycleStatus>();
        services.AddHostedService<InProcessTicker>();
        return services;
    }

    public static IEndpointRouteBuilder MapCycle(this IEndpointRouteBuilder app)
    {
        app.MapCycleEndpoints();
        app.MapAbsences();
        return app;
    }
}
