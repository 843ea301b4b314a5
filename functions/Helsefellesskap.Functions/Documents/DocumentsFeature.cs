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
/// Once the server listens (under the Functions host: once the worker has answered its first request, so the host has
/// started), Chromium is launched and a page opened in the background, and a small packet of one made-up case paper is
/// put together and thrown away, so the first real PDF waits neither for the browser nor for the first use of the
/// document path (templates, Markdown, printing, merging). Where PDFs are printed by the renderer (ADR 0006) there is
/// no Chromium to launch, and the sample packet is printed through the renderer: the worker's own part of the path is
/// warm, and a renderer scaled to zero is woken. Nothing when <see cref="DocumentOptions.WarmUpAtStart"/> is off.
/// </summary>
internal sealed class RendererWarmUp(PdfRenderer renderer, DocumentRenderer documents, Microsoft.Extensions.Options.IOptions<DocumentOptions> options, IHostApplicationLifetime lifetime, ILogger<RendererWarmUp> log) : IHostedService
{
    /// <summary>How long after start Chromium is launched (on Kestrel).</summary>
    public static readonly TimeSpan WarmUpDelay = TimeSpan.FromSeconds(1);

    /// <summary>Under the host, how long the launch waits for the first request before it goes ahead anyway.</summary>
    public static readonly TimeSpan FirstAnswerAllowance = TimeSpan.FromSeconds(30);

    private Task warming = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WarmUpAtStart)
        {
            var here = string.IsNullOrWhiteSpace(options.Value.RendererUrl);
            lifetime.ApplicationStarted.Register(() => warming = Task.Run(async () =>
            {
                try
                {
                    // After the first answers: launching Chromium takes both cores of a small instance for a while. Under
                    // the host the worker is up well before the host has started its listeners (Durable, timer): launched
                    // then, it held the first answer back by ~2 s (8.0 s against 6.3 s from start, measured).
                    await (FunctionsWorker.StartedByHost
                        ? Task.WhenAny(FunctionsWorker.FirstAnswer, Task.Delay(FirstAnswerAllowance, lifetime.ApplicationStopping))
                        : Task.Delay(WarmUpDelay, lifetime.ApplicationStopping));
                    if (here)
                    {
                        await renderer.WarmUp(lifetime.ApplicationStopping);
                    }

                    await PrintOne(lifetime.ApplicationStopping);
                }
                catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    // The first document tries again, and says what is wrong if it still cannot.
                    log.LogWarning(e, here ? "Chromium could not be started ahead of the first document" : "The renderer could not print a sample ahead of the first document");
                }
            }));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => warming.WaitAsync(cancellationToken);

    /// <summary>A packet of one made-up case paper, printed and merged as a meeting's packet is, and not kept.</summary>
    private async Task PrintOne(CancellationToken ct)
    {
        var info = new DocumentInfo("Oppvarming", "Helsefellesskap", "Oppvarming", "Oppvarming");
        var model = new CasePaperModel(new BodyView("Utvalg", "U"), new MeetingView("mandag 1. januar", "01.01.2000", "10:00", "11:00", "Sted", null),
            new CaseView("1/00", "Oppvarming", "Sekretariatet", "Orienteringssak", "Sammendrag.", "Bakgrunn med **uthevet** tekst.\n\n- punkt", "Vurdering.", ["Vedtakspunkt."], null), []);
        var printed = await documents.Print(await documents.Html(DocumentTemplates.CasePaper, model, info), info, ct, numberPages: false);
        _ = PacketBuilder.Merge(printed.Pdf, [new PacketPart("Oppvarming", [new PacketAttachment("Vedlegg", "Vedlegg 1", "application/pdf", printed.Pdf)])], info);
    }
}
