namespace Helsefellesskap.Functions.Web;

/// <summary>
/// The app's ASP.NET Core pipeline (error answers, sign-in, antiforgery, every route: Hosting/HelsefellesskapApp.Configure),
/// run by the HTTP functions on the request the Functions host hands them (ADR 0018). The isolated worker runs no ASP.NET
/// Core middleware of its own, so each function runs it here: the function says which route the host serves,
/// the pipeline binds, checks and answers as it does on Kestrel in the tests.
/// </summary>
public sealed class RequestPipeline(IServiceProvider services, Action<IApplicationBuilder> configure)
{
    private readonly Lazy<RequestDelegate> pipeline = new(() =>
    {
        var app = new ApplicationBuilder(services);
        configure(app);
        return app.Build();
    });

    /// <summary>
    /// Answers the request through the pipeline; the answer is written to the request's own response. The invocation's
    /// Durable client, given by the functions whose work can plan, move or wake a meeting's cycle, is what that work uses
    /// to start or wake the meeting's orchestration (ADR 0019); the public, document and report routes need none.
    /// </summary>
    public async Task Serve(HttpRequest request, Microsoft.DurableTask.Client.DurableTaskClient? cycles = null)
    {
        if (cycles is not null)
        {
            Common.DurableClients.Use(cycles);
        }

        var context = request.HttpContext;

        // The worker matched the function, not the app's route: route again, as on Kestrel.
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        await pipeline.Value(context);
        Common.FunctionsWorker.HasAnswered();
    }
}
