using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>The secretariat's workspace: server-rendered screens under /api/sekretariat/, for the secretariat role only.</summary>
public static class WorkspaceFeature
{
    public static IServiceCollection AddWorkspace(this IServiceCollection services)
    {
        services.AddWorkspaceAuth();
        services.AddSingleton<Overview>();
        services.AddSingleton<MeetingData>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkspace(this IEndpointRouteBuilder app)
    {
        app.MapSignIn();
        // Every form of the workspace carries the antiforgery token: a post without it, or with another
        // session's, is refused (400) before anything is done.
        var screens = app.MapGroup(WorkspaceAuth.Root).RequireAuthorization(WorkspaceAuth.Policy).RequireFormToken();
        screens.MapGet("", async (Overview overview, CancellationToken ct) => Pages.Render<OverviewPage>(new { Model = await overview.Build(ct) }));
        screens.MapCasesScreen();
        screens.MapAgendaScreen();
        screens.MapMeetingScreen();
        screens.MapMinutesScreen();
        screens.MapOutboxScreen();
        screens.MapPlanScreen();
        screens.MapRosterScreen();
        screens.MapComplianceScreen();
        screens.MapAnnualReportScreen();
        screens.MapGet(AttendanceScript.Path[(WorkspaceAuth.Root.Length + 1)..], (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return TypedResults.Text(AttendanceScript.Text, "text/javascript; charset=utf-8");
        });
        return app;
    }
}

/// <summary>The workspace's one script: Møtet's seats and quorum recomputed as attendance is ticked (the page works without it).</summary>
public static class AttendanceScript
{
    public const string Path = WorkspaceAuth.Root + "/ressurser/oppmote.js";

    public static readonly string Text = EmbeddedText.Read("attendance.js");
}
