using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Common;

/// <summary>
/// A list route answers a page at a time: <c>limit</c> (1–1000, 200 unless asked) and, while more
/// remain, a <c>Link: &lt;…&gt;; rel="next"</c> header (RFC 8288) whose address carries the
/// <c>continuation</c> to ask for the next page with. The body stays the JSON array it always was.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    /// <summary>The page size asked for, or an error naming the field.</summary>
    public static (int Limit, ProblemHttpResult? Error) Limit(int? limit) =>
        limit is null ? (DefaultLimit, null)
        : limit is >= 1 and <= MaxLimit ? (limit.Value, null)
        : (0, Invalid("limit", $"Antall per side («limit») må være mellom 1 og {MaxLimit}."));

    public static ProblemHttpResult Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Problems.Validation(errors, title: "Forespørselen har feil som må rettes", detail: message);
    }

    public static ProblemHttpResult InvalidContinuation() =>
        Invalid("continuation", "Fortsettelsen («continuation») er ikke gyldig. Bruk adressen i svarets Link-header, eller begynn fra første side.");

    /// <summary>Points the answer at its next page: this request's address with the continuation set.</summary>
    public static void LinkNext(HttpContext context, string? next, int limit)
    {
        if (next is null)
        {
            return;
        }

        var query = context.Request.Query.Where(q => q.Key is not ("continuation" or "limit"))
            .Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append(string.Create(CultureInfo.InvariantCulture, $"limit={limit}"))
            .Append($"continuation={Uri.EscapeDataString(next)}");
        context.Response.Headers.Append("Link", $"<{context.Request.PathBase}{context.Request.Path}?{string.Join("&", query)}>; rel=\"next\"");
    }
}
