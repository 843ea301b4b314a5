using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Documents;

/// <summary>Liquid templates to Markdown to HTML to PDF, the document store, a meeting's papers.</summary>
public static class DocumentsFeature
{
    public static IServiceCollection AddDocuments(this IServiceCollection services)
    {
        Settings.Add<DocumentOptions>(services, DocumentOptions.Section, DocumentOptions.Problems);
        services.AddHttpClient();
        services.AddSingleton<DocumentTemplates>();
        services.AddSingleton<MarkdownToHtml>();
        services.AddSingleton<PdfRenderer>();
        services.AddSingleton<DocumentRenderer>();
        services.AddSingleton<DocumentStore>();
        services.AddSingleton<MeetingPapers>();
        services.AddHostedService<RendererWarmUp>();
        return services;
    }

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        app.MapDocumentEndpoints();
        return app;
    }
}

/// <summary>
/// Once the server listens, Chromium is launched and a page opened in the background, so the first PDF
/// does not wait for the browser (unless PDFs are printed elsewhere or <see cref="DocumentOptions.WarmUpAtStart"/> is off).
/// </summary>
internal sealed class RendererWarmUp(PdfRenderer renderer, Microsoft.Extensions.Options.IOptions<DocumentOptions> options, IHostApplicationLifetime lifetime, ILogger<RendererWarmUp> log) : IHostedService
{
    /// <summary>How long after start Chromium is launched.</summary>
    public static readonly TimeSpan WarmUpDelay = TimeSpan.FromSeconds(1);

    private Task warming = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WarmUpAtStart && string.IsNullOrWhiteSpace(options.Value.RendererUrl))
        {
            lifetime.ApplicationStarted.Register(() => warming = Task.Run(async () =>
            {
                try
                {
                    // After the first answers: launching Chromium takes both cores of a small instance for a while.
                    await Task.Delay(WarmUpDelay, lifetime.ApplicationStopping);
                    await renderer.WarmUp(lifetime.ApplicationStopping);
                }
                catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    // The first document launches it again, and says what is wrong if it still cannot.
                    log.LogWarning(e, "Chromium could not be started ahead of the first document");
                }
            }));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => warming.WaitAsync(cancellationToken);
}
