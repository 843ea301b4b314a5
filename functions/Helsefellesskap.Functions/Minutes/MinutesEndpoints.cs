using System.Text;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Minutes;

public static class MinutesEndpoints
{
    public static void MapMinutes(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/meetings/{id}/outcome", Outcome).RequireSecretariat();
        app.MapPost("/api/meetings/{id}/minutes/draft", SendDraftNow).RequireSecretariat();
        app.MapPost("/api/meetings/{id}/minutes/approve", Approve).RequireSecretariat();
        app.MapPost("/api/meetings/{id}/minutes/recirculate", Recirculate).RequireSecretariat();
        app.MapGet("/api/referat/{meetingId}/{memberId}", ChangePage);
        app.MapPost("/api/referat/{meetingId}/{memberId}", ChangeSubmit).DisableAntiforgery();
        app.MapGet("/api/offentlig/{body}", Index);
        app.MapGet("/api/offentlig/{body}/referater.json", JsonFeed);
        app.MapGet("/api/offentlig/{body}/referater.atom", AtomFeed);
        app.MapGet("/api/offentlig/{body}/siste.html", Snippet);
    }

    private static async Task<Results<Ok<MeetingOutcome>, ProblemHttpResult>> Outcome(string id, MinutesService.OutcomeInput input, MinutesService minutes, CycleStore cycles, CycleRunner runner, TimeProvider clock, CancellationToken ct)
    {
        var (outcome, errors, status) = await minutes.Record(id, input, ct);
        if (outcome is not null)
        {
            // A draft already waiting for the outcome goes at once; otherwise on the first working day after the meeting.
            var now = clock.GetUtcNow();
            if ((await cycles.StepsOf(id, ct)).SingleOrDefault(s => s.Step == CycleStep.MinutesDraft) is { Status: StepStatus.Pending } draft && draft.PlannedAt <= now)
            {
                await runner.Reschedule(id, CycleStep.MinutesDraft, now, ct);
            }

            return TypedResults.Ok(outcome);
        }

        return status == StatusCodes.Status400BadRequest
            ? Problems.Validation(errors)
            : Problems.Status(status, status == 404 ? "Fant ikke møtet" : "Møtet kan ikke få vedtak", errors.For("").FirstOrDefault());
    }

    /// <summary>The secretariat sends the draft now instead of on the first working day after the meeting.</summary>
    private static async Task<Results<Ok<MinutesState>, ProblemHttpResult>> SendDraftNow(string id, MinutesService minutes, CycleRunner runner, TimeProvider clock, CancellationToken ct)
    {
        var state = await minutes.State(id, ct);
        if (state.Outcome is null || state.DraftSentAt is not null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Utkastet kan ikke sendes nå",
                state.Outcome is null ? "Registrer møteutfallet først (PUT /api/meetings/{id}/outcome)." : "Utkastet er allerede sendt; bruk «recirculate» for en ny versjon.");
        }

        await runner.Reschedule(id, CycleStep.MinutesDraft, clock.GetUtcNow(), ct);
        return TypedResults.Ok(await minutes.State(id, ct));
    }

    private static async Task<Results<Ok<MinutesState>, ProblemHttpResult>> Approve(string id, MinutesService minutes, CycleRunner cycles, TimeProvider clock, CancellationToken ct)
    {
        var state = await minutes.State(id, ct);
        if (state.DraftSentAt is null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Det finnes ikke noe utkast", "Utkast til referat er ikke sendt ennå.");
        }

        await minutes.Approve(id, "sekretariatet", ct);
        await cycles.Reschedule(id, CycleStep.Approval, clock.GetUtcNow(), ct);
        return TypedResults.Ok(await minutes.State(id, ct));
    }

    private static async Task<Results<Ok<MinutesState>, ProblemHttpResult>> Recirculate(string id, MinutesService minutes, MeetingStore meetings, CycleRunner cycles, Email.EmailOutbox outbox, CancellationToken ct)
    {
        var meeting = await meetings.FindMeeting(id, ct);
        var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
        var state = await minutes.State(id, ct);
        if (meeting is null || body is null || state.DraftSentAt is null || state.ApprovedAt is not null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "Utkastet kan ikke sendes på nytt", "Bare et utkast som er sendt og ikke godkjent, kan sendes på ny sirkulasjon.");
        }

        var sent = await minutes.SendDraft(meeting, body, ct);
        foreach (var message in sent!.Value.Messages)
        {
            await outbox.TrySend(message, ct);
        }

        await cycles.Reschedule(id, CycleStep.Approval, Oslo.StartOfDay(sent.Value.ApprovalDeadline.AddDays(1)), ct);
        return TypedResults.Ok(await minutes.State(id, ct));
    }

    private static async Task<IResult> ChangePage(string meetingId, string memberId, string? token, MinutesService minutes, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        var state = await minutes.State(meetingId, ct);
        if (!minutes.IsValidChangeLink(meetingId, memberId, token) || state.DraftSentAt is null)
        {
            return Html.Page("Lenken er ikke gyldig", "<h1>Lenken er ikke gyldig</h1><p>Kontakt sekretariatet.</p>", StatusCodes.Status404NotFound, community.Value.Name);
        }

        var closed = state.ApprovedAt is not null;
        var html = new StringBuilder("<h1>Be om endringer i referatet</h1>");
        html.Append(closed
            ? "<p>Referatet er godkjent. Ta kontakt med sekretariatet hvis noe må rettes.</p>"
            : $"<p>Merknadsfristen er {Html.E(Norwegian.LongDate(state.ApprovalDeadline!.Value))}. Uten merknader innen fristen er referatet godkjent.</p>"
              + $"<form method=\"post\"><input type=\"hidden\" name=\"token\" value=\"{Html.E(token)}\"><div class=\"field\"><label for=\"change\">Hva bør endres?</label>"
              + "<textarea id=\"change\" name=\"change\" rows=\"6\" required></textarea></div><button type=\"submit\">Send endringsønske</button></form>");
        return Html.Page("Be om endringer i referatet", html.ToString(), communityName: community.Value.Name);
    }

    private static async Task<IResult> ChangeSubmit(string meetingId, string memberId, HttpRequest request, MinutesService minutes, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(ct) : null;
        var text = form?["change"].ToString().Trim() ?? "";
        if (form is null || !minutes.IsValidChangeLink(meetingId, memberId, form["token"]))
        {
            return Html.Page("Lenken er ikke gyldig", "<h1>Lenken er ikke gyldig</h1><p>Kontakt sekretariatet.</p>", StatusCodes.Status404NotFound, community.Value.Name);
        }

        if (text.Length is 0 or > 4000)
        {
            return Html.Page("Feil: Be om endringer", "<h1>Be om endringer i referatet</h1><div class=\"error-summary\" role=\"alert\"><p>Skriv hva som bør endres (høyst 4000 tegn). Gå tilbake og prøv igjen.</p></div>", StatusCodes.Status400BadRequest, community.Value.Name);
        }

        return await minutes.RequestChange(meetingId, memberId, text, ct)
            ? Html.Page("Endringsønsket er sendt", "<h1>Endringsønsket er sendt</h1><p>Sekretariatet ser på det. Referatet blir ikke godkjent før det er avklart.</p>", communityName: community.Value.Name)
            : Html.Page("Referatet er godkjent", "<h1>Referatet er godkjent</h1><p>Fristen for merknader er ute. Kontakt sekretariatet.</p>", StatusCodes.Status409Conflict, community.Value.Name);
    }

    private sealed record Published(string MeetingId, DateOnly Date, string MinutesUrl, string AgendaUrl, DateTimeOffset PublishedAt, IReadOnlyList<MinutesService.PublishedPaper> CasePapers);

    private static async Task<(Body? Body, List<Published> Items)> Publications(string body, MeetingStore meetings, StorageClients storage, CancellationToken ct)
    {
        var b = await meetings.FindBody(body, ct);
        var list = new List<Published>();
        if (b is null)
        {
            return (null, list);
        }

        var table = await storage.Table(StorageNames.Publications);
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == b.Code, cancellationToken: ct))
        {
            list.Add(new Published(e.RowKey, DateOnly.ParseExact(e.GetString("Date"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.GetString("MinutesUrl"), e.GetString("AgendaUrl"), e.GetDateTimeOffset("PublishedAt")!.Value,
                Json.Read<List<MinutesService.PublishedPaper>>(e.GetString("CasePapers") ?? "[]")));
        }

        return (b, list.OrderByDescending(p => p.Date).ToList());
    }

    /// <summary>The public page of a body's meetings, with agenda and minutes.</summary>
    private static async Task<IResult> Index(string body, MeetingStore meetings, StorageClients storage, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        var (b, items) = await Publications(body, meetings, storage, ct);
        if (b is null)
        {
            return Html.Page("Fant ikke utvalget", "<h1>Fant ikke utvalget</h1>", StatusCodes.Status404NotFound, community.Value.Name);
        }

        var plan = await meetings.Plan(b.Code, ct);
        var html = new StringBuilder($"<h1>{Html.E(b.Name)} ({Html.E(b.ShortName)})</h1><p>Møter, sakslister og godkjente referater. Abonner på <a href=\"/api/offentlig/{b.Code}/referater.atom\">referatene (Atom)</a>, <a href=\"/api/offentlig/{b.Code}/referater.json\">(JSON)</a> eller <a href=\"/api/bodies/{b.Code}/meetings.ics\">møteplanen (kalender)</a>.</p>");
        html.Append("<table class=\"facts\"><caption class=\"visually-hidden\">Møter</caption><thead><tr><th scope=\"col\">Møte</th><th scope=\"col\">Saksliste og saker</th><th scope=\"col\">Referat</th></tr></thead><tbody>");
        var published = items.ToDictionary(p => p.MeetingId);
        foreach (var m in plan.Where(m => m.Status == MeetingStatus.Planned).OrderByDescending(m => m.Date))
        {
            published.TryGetValue(m.Id, out var p);
            html.Append("<tr><th scope=\"row\">").Append(Html.E(Norwegian.LongDate(m.Date))).Append("</th><td>")
                .Append(p is null ? "–" : $"<a href=\"{Html.E(p.AgendaUrl)}\">Innkalling og saksliste (PDF)</a>" + CasePaperList(p.CasePapers)).Append("</td><td>")
                .Append(p is null ? "Ikke publisert ennå" : $"<a href=\"{Html.E(p.MinutesUrl)}\">Referat (PDF)</a>").Append("</td></tr>");
        }

        html.Append("</tbody></table>");
        return Html.Page($"{b.Name} – møter og referater", html.ToString(), communityName: community.Value.Name);
    }

    private static string CasePaperList(IReadOnlyList<MinutesService.PublishedPaper> papers) =>
        papers.Count == 0 ? "" : "<ul>" + string.Concat(papers.Select(p => p.Url is null
            ? $"<li>{Html.E(p.Title)} – {Html.E(p.Exempt)}</li>"
            : $"<li><a href=\"{Html.E(p.Url)}\">{Html.E(p.Title)} (PDF)</a></li>")) + "</ul>";

    private sealed record FeedItem([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("url")] string Url, [property: JsonPropertyName("date_published")] DateTimeOffset DatePublished, [property: JsonPropertyName("content_text")] string ContentText);

    private sealed record Feed([property: JsonPropertyName("version")] string Version, [property: JsonPropertyName("title")] string Title, [property: JsonPropertyName("home_page_url")] string HomePage, [property: JsonPropertyName("language")] string Language, [property: JsonPropertyName("items")] IReadOnlyList<FeedItem> Items);

    /// <summary>JSON Feed 1.1 of the published minutes, for partner websites.</summary>
    private static async Task<IResult> JsonFeed(string body, MeetingStore meetings, StorageClients storage, SignedLinks links, CancellationToken ct)
    {
        var (b, items) = await Publications(body, meetings, storage, ct);
        return b is null
            ? Problems.Status(404, "Utvalget finnes ikke")
            : TypedResults.Json(new Feed("https://jsonfeed.org/version/1.1", $"Referater – {b.Name}", links.Absolute($"/api/offentlig/{b.Code}"), "nb",
                items.Select(p => new FeedItem(p.MinutesUrl, $"Referat fra møte {Norwegian.LongDate(p.Date)}", p.MinutesUrl, p.PublishedAt, $"Godkjent referat fra møtet i {b.Name} {Norwegian.LongDate(p.Date)}.")).ToList()),
                contentType: "application/feed+json");
    }

    private static async Task<IResult> AtomFeed(string body, MeetingStore meetings, StorageClients storage, SignedLinks links, CancellationToken ct)
    {
        var (b, items) = await Publications(body, meetings, storage, ct);
        if (b is null)
        {
            return Problems.Status(404, "Utvalget finnes ikke");
        }

        string X(string s) => System.Security.SecurityElement.Escape(s);
        var updated = items.Count == 0 ? DateTimeOffset.UnixEpoch : items.Max(p => p.PublishedAt);
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nb\">")
            .Append($"<title>{X($"Referater – {b.Name}")}</title><id>{X(links.Absolute($"/api/offentlig/{b.Code}"))}</id><updated>{updated:yyyy-MM-ddTHH:mm:ssZ}</updated>")
            .Append($"<link href=\"{X(links.Absolute($"/api/offentlig/{b.Code}"))}\"/>");
        foreach (var p in items)
        {
            xml.Append($"<entry><title>{X($"Referat fra møte {Norwegian.LongDate(p.Date)}")}</title><id>{X(p.MinutesUrl)}</id><updated>{p.PublishedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</updated><link href=\"{X(p.MinutesUrl)}\" type=\"application/pdf\"/></entry>");
        }

        return TypedResults.Text(xml.Append("</feed>").ToString(), "application/atom+xml; charset=utf-8");
    }

    /// <summary>A small HTML list of the latest minutes that a partner website can embed (iframe or server-side include).</summary>
    private static async Task<IResult> Snippet(string body, MeetingStore meetings, StorageClients storage, CancellationToken ct)
    {
        var (b, items) = await Publications(body, meetings, storage, ct);
        if (b is null)
        {
            return Problems.Status(404, "Utvalget finnes ikke");
        }

        var html = new StringBuilder($"<section lang=\"nb\" class=\"helsefellesskap-referater\"><h2>Referater fra {Html.E(b.Name)}</h2><ul>");
        foreach (var p in items.Take(5))
        {
            html.Append($"<li><a href=\"{Html.E(p.MinutesUrl)}\">Referat fra møte {Html.E(Norwegian.LongDate(p.Date))} (PDF)</a></li>");
        }

        return TypedResults.Content(html.Append("</ul></section>").ToString(), "text/html; charset=utf-8");
    }
}
