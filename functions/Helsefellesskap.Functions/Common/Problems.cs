using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Helsefellesskap.Functions.Common;

/// <summary>Errors as application/problem+json with a Norwegian title a person can act on.</summary>
public static class Problems
{
    public static ProblemHttpResult Status(int status, string title, string? detail = null) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    public static ProblemHttpResult Validation(ValidationErrors errors, int status = StatusCodes.Status400BadRequest, string? title = null, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = status,
            Title = title ?? status switch
            {
                StatusCodes.Status413PayloadTooLarge => "Vedleggene er for store",
                StatusCodes.Status415UnsupportedMediaType => "Et vedlegg har en filtype vi ikke tar imot",
                _ => "Saken har feil som må rettes",
            },
            Detail = detail ?? "Se feltene under «errors». Ingenting er lagret; rett feilene og send saken på nytt.",
        });

    /// <summary>Titles for errors the framework raises (unknown route, body too large, crashes …).</summary>
    public static string TitleFor(int status) => status switch
    {
        400 => "Forespørselen kunne ikke leses",
        401 => "Mangler tilgang",
        403 => "Ingen tilgang",
        404 => "Fant ikke det du lette etter",
        405 => "Denne metoden støttes ikke her",
        413 => "Forespørselen er for stor",
        415 => "Innholdstypen støttes ikke",
        503 => "Tjenesten er midlertidig utilgjengelig. Ingenting er lagret; prøv igjen om litt.",
        _ when status >= 500 => "Noe gikk galt hos oss. Prøv igjen om litt; vedvarer feilen, kontakt sekretariatet.",
        _ => "Forespørselen kunne ikke behandles",
    };
}
