namespace Helsefellesskap.Functions.Meetings;

/// <summary>Bodies, members and their meetings: the model, its rules and its storage (the agenda and changes to the plan are Agenda).</summary>
public static class MeetingsFeature
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<MeetingLinks>();
        return services;
    }
}
