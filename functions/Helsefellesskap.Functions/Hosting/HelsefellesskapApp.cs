using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Archive;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Community;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Public;
using Helsefellesskap.Functions.Publication;
using Helsefellesskap.Functions.Reports;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Web;
using Helsefellesskap.Functions.Workspace;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Helsefellesskap.Functions.Hosting;

/// <summary>
/// Composition of the app: its services and its request pipeline, the same for the isolated worker under the
/// Functions host (Azure, <c>./run.sh</c>; Program.cs) and for the app on Kestrel (the tests, the benchmarks, the
/// PDF renderer's container).
/// </summary>
public static class HelsefellesskapApp
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>The OpenAPI document of every route: /api/openapi/v1.json.</summary>
    public const string OpenApiPath = "/api/openapi/{documentName}.json";

    /// <summary>The app on Kestrel without the Functions host: the tests, the benchmarks and the PDF renderer's container.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? environmentName = null)
    {
        Documents.Liquid.StartBuildingParser();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Settings are read once: a watcher for changes would first walk every folder below the content root.
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
            EnvironmentName = environmentName
                ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                ?? Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT"),
        });
        builder.Configuration.AddLocalSettings(builder.Environment.ContentRootPath);
        if (Path.GetFullPath(Directory.GetCurrentDirectory()) != Path.GetFullPath(builder.Environment.ContentRootPath))
        {
            builder.Configuration.AddLocalSettings(Directory.GetCurrentDirectory());
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        AddServices(builder.Services, builder.Environment);
        return builder;
    }

    /// <summary>Every service of the app, for the Functions worker (Program.cs) and the tests' Kestrel host alike.</summary>
    public static void AddServices(IServiceCollection services, IHostEnvironment environment)
    {
        services
            .AddCommon()
            .AddStorage()
            .AddEmail()
            .AddDocuments()
            .AddCases()
            .AddMeetings()
            .AddAgenda()
            .AddCycle()
            .AddMinutes()
            .AddPublication()
            .AddWeb()
            .AddCommunity()
            .AddWorkspace()
            .AddCompliance()
            .AddReports()
            .AddArchive();
        services.AddSingleton<Readiness>();
        services.AddHostedService<StartupTasks>();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Helsefellesskap – sekretariatets API";
            document.Info.Description = "Saker, møteplan, saksliste, syklus, forfall, møteutfall, referat og publisering. Sekretariatets ruter krever nøkkelen i x-functions-key.";
            return Task.CompletedTask;
        }));

        // In Development the clock can be set (POST /api/dev/clock) to walk a meeting cycle by hand.
        if (environment.IsDevelopment())
        {
            // DevClock__Start (ISO 8601) starts it at another time, before the community definition is loaded.
            services.AddSingleton(sp =>
            {
                var clock = new AdjustableClock(TimeProvider.System);
                if (DateTimeOffset.TryParse(sp.GetRequiredService<IConfiguration>()["DevClock:Start"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start))
                {
                    clock.Set(start);
                }

                return clock;
            });
            services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<AdjustableClock>());
        }
        else
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Our own problems carry Norwegian titles; the framework's (unknown route, body too large, crash) get one here.
            var status = context.ProblemDetails.Status ?? 500;
            var title = context.ProblemDetails.Title;
            if (title is null || title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) || status >= 500 || context.Exception is not null)
            {
                context.ProblemDetails.Title = Problems.TitleFor(status);
            }

            context.ProblemDetails.Detail = status >= 500 ? null : context.ProblemDetails.Detail;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                // Storage is unreachable for now: nothing was stored, and the same request may be sent again.
                context.HttpContext.Response.Headers.RetryAfter = "10";
            }
        });
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        Configure(app);
        return app;
    }

    /// <summary>
    /// The request pipeline: error answers, sign-in, antiforgery and every route. The same under the Functions host
    /// (each HTTP function runs it, <see cref="Web.RequestPipeline"/>) and on Kestrel in the tests.
    /// </summary>
    public static void Configure(IApplicationBuilder app)
    {
        app.UseRouting();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                // A body that ends early or is not what its content type says (a truncated multipart form).
                InvalidDataException or IOException => StatusCodes.Status400BadRequest,
                _ when StorageErrors.IsOutage(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UsePublicScheme();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseFormTokenCheck();
        app.UseEndpoints(MapRoutes);
    }

    private static void MapRoutes(IEndpointRouteBuilder app)
    {
        app.MapHealth();
        app.MapOpenApi(OpenApiPath);
        app.MapWeb();
        app.MapCases();
        app.MapCommunity();
        app.MapAgenda();
        app.MapCycle();
        app.MapMinutes();
        app.MapPublication();
        app.MapPublic();
        app.MapDocuments();
        app.MapEmail();
        app.MapWorkspace();
        app.MapCompliance();
        app.MapReports();
        app.MapArchive();
    }

    public static void PrintStartBanner(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Helsefellesskap");
            log.LogInformation("Listening on {Addresses} ({Environment})", string.Join(", ", addresses), app.Environment.EnvironmentName);
        });
    }
}

/// <summary>
/// Work done once at start: the document and email templates are parsed (an error stops the start,
/// naming the template, line and column).
/// </summary>
internal sealed class StartupTasks(DocumentTemplates templates, EmailTemplates emails, ILogger<StartupTasks> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogInformation("Document templates read from {Folder}, email templates from {EmailFolder}", templates.Folder, emails.Folder);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
