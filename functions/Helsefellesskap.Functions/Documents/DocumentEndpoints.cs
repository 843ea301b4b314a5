using Helsefellesskap.Functions.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Documents;

/// <summary>The renderer role: a page printed for an app that has no Chromium (the papers themselves are Agenda/PaperEndpoints).</summary>
public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/internal/render", RenderForApp);
    }

    /// <summary>The renderer role: prints a page for an app without Chromium. Answers only with the renderer key, and only where one is set.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RenderForApp(HttpRequest request, PdfRenderer renderer, Microsoft.Extensions.Options.IOptions<DocumentOptions> options, CancellationToken ct)
    {
        if (!RendererCall.IsFromApp(request, options.Value))
        {
            return Problems.Status(StatusCodes.Status404NotFound, Problems.TitleFor(404));
        }

        var page = await request.ReadFromJsonAsync<PdfRenderer.RemoteRequest>(ct);
        if (page is null || page.Html.Length == 0)
        {
            return Problems.Status(StatusCodes.Status400BadRequest, "Tom side", "Send {\"html\": …, \"header\": …}.");
        }

        return TypedResults.File(await renderer.RenderHere(page.Html, new PageFrame(page.Header, page.NumberPages), ct), "application/pdf");
    }
}
