using System.Text.Json.Serialization;
using System.Xml.Linq;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Publication;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Public;

/// <summary>What anyone can read: a body's page of meetings and minutes, feeds for partner websites, and an embeddable snippet.</summary>
public static class PublicEndpoints
{
    public static void MapPublicEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/offentlig/{body}", Index);
        app.MapGet("/api/offentlig/{body}/referater.json", JsonFeed).ReadableFromAnyOrigin();
        app.MapGet("/api/offentlig/{body}/referater.atom", AtomFeed).ReadableFromAnyOrigin();
        app.MapGet("/api/offentlig/{body}/siste.html", Snippet).ReadableFromAnyOrigin();
    }

    /// <summary>
    /// Partner websites fetch the feeds and the snippet from their own pages: any origin may read them
    /// (CORS, read-only GET, no credentials; a simple request needs no preflight).
    /// </summary>
    private static RouteHandlerBuilder ReadableFromAnyOrigin(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
            return await next(context);
        });

    /// <summary>A body's published minutes (meetings whose papers are out but minutes not yet are not in the feeds).</summary>
    private static async Task<(Body? Body, IReadOnlyList<Minutes> Items)> Publications(string body, MeetingStore meetings, PublicationStore publications, CancellationToken ct) =>
        await meetings.FindBody(body, ct) is { } b
            ? (b, (await publications.List(b.Code, ct)).Where(p => p.MinutesUrl is not null).Select(p => new Minutes(p.Date, p.MinutesUrl!, p.PublishedAt, p.UpdatedAt)).ToList())
            : (null, []);

    /// <summary>Published minutes, for the feeds and the snippet: when first published, and when last corrected (the same when never).</summary>
    public sealed record Minutes(DateOnly Date, string MinutesUrl, DateTimeOffset PublishedAt, DateTimeOffset UpdatedAt);

    /// <summary>The public page of a body's meetings, with agenda and minutes.</summary>
    private static async Task<IResult> Index(string body, MeetingStore meetings, PublicationStore publications, Reports.AnnualReports reports, TimeProvider clock, CancellationToken ct)
    {
        var b = await meetings.FindBody(body, ct);
        if (b is null)
        {
            return Pages.Message("Fant ikke utvalget", "Fant ikke utvalget", $"Det finnes ikke noe utvalg med koden «{body}».", StatusCodes.Status404NotFound);
        }

        var plan = (await meetings.Plan(b.Code, ct)).Where(m => m.Status == MeetingStatus.Planned).OrderByDescending(m => m.Date).ToList();
        return Pages.Render<PublicIndexPage>(new { Body = b, Meetings = plan, Published = await publications.List(b.Code, ct), Today = Oslo.Today(clock), AnnualReports = await reports.Issued(ct) });
    }

    private sealed record FeedItem([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("url")] string Url, [property: JsonPropertyName("date_published")] DateTimeOffset DatePublished, [property: JsonPropertyName("content_text")] string ContentText,
        [property: JsonPropertyName("date_modified")] DateTimeOffset DateModified);

    private sealed record Feed([property: JsonPropertyName("version")] string Version, [property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("home_page_url")] string HomePage, [property: JsonPropertyName("language")] string Language, [property: JsonPropertyName("items")] IReadOnlyList<FeedItem> Items);

    /// <summary>JSON Feed 1.1 of the published minutes, for partner websites.</summary>
    private static async Task<IResult> JsonFeed(string body, MeetingStore meetings, PublicationStore publications, SignedLinks links, CancellationToken ct)
    {
        var (b, items) = await Publications(body, meetings, publications, ct);
        return b is null
            ? Problems.Status(404, "Utvalget finnes ikke")
            : TypedResults.Json(new Feed("https://jsonfeed.org/version/1.1", $"Referater – {b.Name}", links.Absolute($"/api/offentlig/{b.Code}"), "nb",
                items.Select(p => new FeedItem(p.MinutesUrl, $"Referat fra møte {Norwegian.LongDate(p.Date)}", p.MinutesUrl, p.PublishedAt,
                    $"Godkjent referat fra møtet i {b.Name} {Norwegian.LongDate(p.Date)}.{(p.UpdatedAt > p.PublishedAt ? $" Rettet {Norwegian.LongDate(Oslo.DateOf(p.UpdatedAt))}." : "")}", p.UpdatedAt)).ToList()),
                contentType: "application/feed+json");
    }

    private static async Task<IResult> AtomFeed(string body, MeetingStore meetings, PublicationStore publications, SignedLinks links, CancellationToken ct)
    {
        var (b, items) = await Publications(body, meetings, publications, ct);
        if (b is null)
        {
            return Problems.Status(404, "Utvalget finnes ikke");
        }

        XNamespace atom = "http://www.w3.org/2005/Atom";
        var home = links.Absolute($"/api/offentlig/{b.Code}");
        static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var feed = new XElement(atom + "feed", new XAttribute(XNamespace.Xml + "lang", "nb"),
            new XElement(atom + "title", $"Referater – {b.Name}"),
            new XElement(atom + "id", home),
            new XElement(atom + "updated", Time(items.Count == 0 ? DateTimeOffset.UnixEpoch : items.Max(p => p.UpdatedAt))),
            new XElement(atom + "link", new XAttribute("href", home)),
            items.Select(p => new XElement(atom + "entry",
                new XElement(atom + "title", $"Referat fra møte {Norwegian.LongDate(p.Date)}"),
                new XElement(atom + "id", p.MinutesUrl),
                new XElement(atom + "updated", Time(p.UpdatedAt)),
                new XElement(atom + "published", Time(p.PublishedAt)),
                new XElement(atom + "link", new XAttribute("href", p.MinutesUrl), new XAttribute("type", "application/pdf")))));
        return TypedResults.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed, "application/atom+xml; charset=utf-8");
    }

    /// <summary>
    /// A small HTML list of the latest minutes that a partner website can embed: a browser loading it in a
    /// frame (or on its own) gets a complete document, a server including it gets the section alone
    /// (told apart by the browser's Sec-Fetch-Dest header, so the address stays one).
    /// </summary>
    private static async Task<IResult> Snippet(string body, HttpContext http, MeetingStore meetings, PublicationStore publications, CancellationToken ct)
    {
        var (b, items) = await Publications(body, meetings, publications, ct);
        if (b is null)
        {
            return Problems.Status(404, "Utvalget finnes ikke");
        }

        http.Response.Headers.Vary = "Sec-Fetch-Dest";
        var framed = http.Request.Headers["Sec-Fetch-Dest"].ToString() is "iframe" or "frame" or "document";
        return Pages.Render<LatestSnippet>(new { BodyName = b.Name, Published = items, Document = framed });
    }
}
