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
        return services;
    }

    public static IEndpointRouteBuilder MapDocuments(this IEndpointRouteBuilder app)
    {
        app.MapDocumentEndpoints();
        return app;
    }
}
