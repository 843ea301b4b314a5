using Helsefellesskap.Functions.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Archive;

/// <summary>The archive export of a body's year: PDF/A-2 documents, Noark 5 structure, checksums.</summary>
public static class ArchiveFeature
{
    public static IServiceCollection AddArchive(this IServiceCollection services)
    {
        Settings.Add<ArchiveOptions>(services, ArchiveOptions.Section, o => Settings.Required(ArchiveOptions.Section, nameof(ArchiveOptions.Ghostscript), o.Ghostscript));
        services.AddSingleton<PdfA>();
        services.AddSingleton<ArchiveExport>();
        return services;
    }

    public static IEndpointRouteBuilder MapArchive(this IEndpointRouteBuilder app)
    {
        app.SecretariatRoutes().MapGet("bodies/{body}/archive/{year}", Export);
        app.MapPost("/api/internal/pdfa", ConvertForApp);
        return app;
    }

    /// <summary>The renderer role: converts a PDF to PDF/A for an app without Ghostscript. Answers only with the renderer key, and only where one is set.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ConvertForApp(HttpRequest request, PdfA pdfa, Microsoft.Extensions.Options.IOptions<Documents.DocumentOptions> options, CancellationToken ct)
    {
        if (!Documents.RendererCall.IsFromApp(request, options.Value))
        {
            return Problems.Status(StatusCodes.Status404NotFound, Problems.TitleFor(404));
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        return body.Length == 0 || !body.ToArray().AsSpan().StartsWith("%PDF-"u8)
            ? Problems.Status(StatusCodes.Status400BadRequest, "Ikke en PDF", "Send PDF-filen som application/pdf.")
            : TypedResults.File(await pdfa.ConvertHere(body.ToArray(), ct), "application/pdf");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(string body, string year, ArchiveExport export, CancellationToken ct) =>
        YearParameter.Parse(year) is not { } y ? YearParameter.Invalid(year)
        : await File(body, y, export, ct) is { } file ? file
        : Problems.Status(StatusCodes.Status404NotFound, "Utvalget finnes ikke", $"Det finnes ikke noe utvalg med koden «{body}».");

    /// <summary>The package as a download ("arkiv-ssu-2027.zip"); null for an unknown body.</summary>
    public static async Task<FileContentHttpResult?> File(string body, int year, ArchiveExport export, CancellationToken ct) =>
        await export.Export(body, year, ct) is { } zip ? TypedResults.File(zip, "application/zip", $"arkiv-{body}-{year}.zip") : null;
}
