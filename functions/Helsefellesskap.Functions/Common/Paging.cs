using System.Buffers.Text;
using System.Globalization;
using System.Text;
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

    /// <summary>
    /// A page of a short list read whole (a body's meeting plan, its roster), in the ordinal order of each
    /// item's <paramref name="key"/>. The continuation is the last key returned, so the next page starts after
    /// it even if the list changed in between. Null: the continuation is not one this gave.
    /// </summary>
    public static (IReadOnlyList<T> Page, string? Next)? Of<T>(IEnumerable<T> items, Func<T, string> key, int limit, string? continuation)
    {
        string? after = null;
        if (!string.IsNullOrEmpty(continuation))
        {
            var decoded = Base64Url.IsValid(continuation) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(continuation)) : "";
            if (!decoded.StartsWith(KeyPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            after = decoded[KeyPrefix.Length..];
        }

        var rest = items.Select(item => (Key: key(item), Item: item))
            .Where(x => after is null || string.CompareOrdinal(x.Key, after) > 0)
            .OrderBy(x => x.Key, StringComparer.Ordinal)
            .ToList();
        var page = rest.Take(limit).ToList();
        var next = rest.Count > limit ? Base64Url.EncodeToString(Encoding.UTF8.GetBytes(KeyPrefix + page[^1].Key)) : null;
        return (page.Select(x => x.Item).ToList(), next);
    }

    /// <summary>A route's answer from a short list read whole: the page asked for (<see cref="Of"/>) with its link to the next, or the error naming <c>limit</c> or <c>continuation</c>.</summary>
    public static Results<Ok<List<TView>>, ProblemHttpResult> Answer<T, TView>(IEnumerable<T> items, Func<T, string> key, Func<T, TView> view, int? limit, string? continuation, HttpContext context)
    {
        var (size, invalidLimit) = Limit(limit);
        if (invalidLimit is not null)
        {
            return invalidLimit;
        }

        if (Of(items, key, size, continuation) is not var (page, next))
        {
            return InvalidContinuation();
        }

        LinkNext(context, next, size);
        return TypedResults.Ok(page.Select(view).ToList());
    }

    /// <summary>What a continuation of <see cref="Of"/> begins with once decoded, so one it did not give is refused.</summary>
    private const string KeyPrefix = "k1:";

    /// <summary>Parts of a sort key joined so that a shorter part sorts before a longer one it begins (ordinal).</summary>
    public static string Key(params string[] parts) => string.Join('\u0001', parts);
}
