using System.Text;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;
using Microsoft.Extensions.Options;
using F = Helsefellesskap.Functions.Cases.CaseSubmissionInput.Fields;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// The public form for submitting a case (Meld inn sak), its receipt and the submitter's status page.
/// Plain HTML that works without JavaScript; every check is the server's.
/// </summary>
public static class CaseForm
{
    public const string Path = "/api/sak/ny";
    private const string IdempotencyField = "idempotencyKey";

    public static void MapCaseForm(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Show);
        app.MapPost(Path, Submit).DisableAntiforgery();
        app.MapGet("/api/sak/status/{id}", Status);
    }

    private static async Task<IResult> Show(MeetingStore meetings, TimeProvider clock, IOptions<CommunityOptions> community, IOptions<IntakeOptions> limits, CancellationToken ct)
    {
        var choices = await OpenMeetings(meetings, clock, ct);
        return Html.Page($"Meld inn sak – {community.Value.Name}", Render(choices, limits.Value, new FormValues(), new ValidationErrors(), Guid.NewGuid().ToString("N")), communityName: community.Value.Name);
    }

    private static async Task<IResult> Submit(HttpRequest request, CaseIntake intake, CaseLinks links, MeetingStore meetings, TimeProvider clock, IOptions<CommunityOptions> community, IOptions<IntakeOptions> limits, CancellationToken ct)
    {
        var name = community.Value.Name;
        if (!request.HasFormContentType)
        {
            return Html.Page("Skjemaet kunne ikke leses", "<h1>Skjemaet kunne ikke leses</h1><p><a href=\"" + Path + "\">Gå tilbake til skjemaet</a> og prøv igjen.</p>", StatusCodes.Status415UnsupportedMediaType, name);
        }

        var form = await request.ReadFormAsync(ct);
        var input = CaseSubmissionInput.FromForm(form);
        var key = form[IdempotencyField].FirstOrDefault();
        var outcome = await intake.Submit(input, string.IsNullOrWhiteSpace(key) ? null : key, ct);

        var errors = new ValidationErrors();
        var status = StatusCodes.Status400BadRequest;
        switch (outcome)
        {
            case CaseIntake.Outcome.Created created:
                return new SeeOther(links.StatusPath(created.Case.Id) + "&kvittering=1");
            case CaseIntake.Outcome.Invalid invalid:
                errors = invalid.Errors;
                status = invalid.StatusCode;
                break;
            case CaseIntake.Outcome.UnknownBody:
                errors.Add(F.Body, "Velg et utvalg fra listen.");
                break;
            case CaseIntake.Outcome.KeyInProgress:
                errors.Add("", "Skjemaet er allerede sendt og behandles. Vent noen sekunder og last siden på nytt.");
                status = StatusCodes.Status409Conflict;
                break;
            case CaseIntake.Outcome.KeyReused:
                key = null;
                errors.Add("", "Skjemaet ble endret etter at det var sendt. Send det på nytt for å melde inn en ny sak.");
                status = StatusCodes.Status409Conflict;
                break;
        }

        var choices = await OpenMeetings(meetings, clock, ct);
        var values = FormValues.From(form, input);
        return Html.Page($"Feil: Meld inn sak – {name}", Render(choices, limits.Value, values, errors, key ?? Guid.NewGuid().ToString("N"), input.Attachments.Count > 0), status, name);
    }

    private static async Task<IResult> Status(string id, string? token, string? kvittering, CaseStore cases, CaseLinks links, MeetingStore meetings, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        var name = community.Value.Name;
        var found = links.IsValid(id, token) ? await cases.Find(id, ct) : null;
        if (found is null)
        {
            return Html.Page("Fant ikke saken", "<h1>Fant ikke saken</h1><p>Lenken er ikke gyldig. Bruk lenken i kvitteringen du fikk på e-post, eller kontakt sekretariatet.</p>", StatusCodes.Status404NotFound, name);
        }

        var body = await meetings.FindBody(found.Body, ct);
        var meeting = found.MeetingId is null ? null : await meetings.FindMeeting(found.MeetingId, ct);
        var html = new StringBuilder();
        if (kvittering is not null)
        {
            html.Append("<div class=\"receipt\"><h1>Saken er mottatt</h1><p>Referanse</p><p class=\"reference\">").Append(Html.E(found.Reference))
                .Append("</p></div><p>Vi har sendt en kvittering til ").Append(Html.E(found.Submitter.Email)).Append(".</p>");
        }
        else
        {
            html.Append("<h1>Sak ").Append(Html.E(found.Reference)).Append("</h1>");
        }

        html.Append("<h2>Status for saken</h2><table class=\"facts\"><tbody>");
        void Row(string label, string value) => html.Append("<tr><th scope=\"row\">").Append(Html.E(label)).Append("</th><td>").Append(Html.E(value)).Append("</td></tr>");
        Row("Tittel", found.Title);
        Row("Til", body is null ? found.Body : $"{body.Name} ({body.ShortName})");
        Row("Sakstype", CaseLabels.Kind(found.Kind));
        Row("Status", CaseLabels.Status(found.Status) + (found.StatusReason is null ? "" : $": {found.StatusReason}"));
        Row("Planlagt møte", meeting is null ? "Ikke bestemt ennå" : $"{Norwegian.LongDate(meeting.Date)} kl. {Norwegian.Time(meeting.Start)}");
        if (meeting is not null && body is not null)
        {
            Row("Saksfrist for møtet", Norwegian.LongDate(CaseDeadline.LastDay(meeting, body.Rules)));
        }

        Row("Mottatt", Norwegian.DateTime(found.ReceivedAt));
        Row("Vedlegg", found.Attachments.Count == 0 ? "Ingen" : string.Join(", ", found.Attachments.Select(a => a.FileName)));
        html.Append("</tbody></table>");
        html.Append("<h2>Følg saken</h2><p>Ta vare på denne lenken. Den viser alltid hvor saken står: <a href=\"")
            .Append(Html.E(links.StatusUrl(found.Id))).Append("\">").Append(Html.E(links.StatusUrl(found.Id))).Append("</a></p>");
        html.Append("<p><a href=\"").Append(Path).Append("\">Meld inn en ny sak</a></p>");
        return Html.Page(kvittering is not null ? $"Saken er mottatt – {found.Reference}" : $"Sak {found.Reference}", html.ToString(), communityName: name);
    }

    private sealed record SeeOther(string Location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
            httpContext.Response.Headers.Location = Location;
            return Task.CompletedTask;
        }
    }

    private sealed record MeetingChoice(Body Body, Meeting Meeting, DateOnly Deadline);

    private static async Task<IReadOnlyList<MeetingChoice>> OpenMeetings(MeetingStore meetings, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var choices = new List<MeetingChoice>();
        foreach (var body in (await meetings.Bodies(ct)).OrderBy(b => b.Name, StringComparer.Create(Norwegian.Culture, false)))
        {
            choices.AddRange((await meetings.Plan(body.Code, ct))
                .Where(m => CaseDeadline.IsOpen(m, body.Rules, now))
                .Take(8)
                .Select(m => new MeetingChoice(body, m, CaseDeadline.LastDay(m, body.Rules))));
        }

        return choices;
    }

    /// <summary>What the person typed, to show again when the form comes back with errors.</summary>
    private sealed class FormValues
    {
        public Dictionary<string, string> Text { get; } = new(StringComparer.Ordinal);
        public bool Exempt { get; private set; }

        public string this[string field] => Text.TryGetValue(field, out var v) ? v : "";

        public static FormValues From(IFormCollection form, CaseSubmissionInput input)
        {
            var values = new FormValues { Exempt = input.ExemptionRequested };
            foreach (var (key, value) in form)
            {
                values.Text[key] = value.ToString();
            }

            return values;
        }
    }

    private static string Render(IReadOnlyList<MeetingChoice> choices, IntakeOptions limits, FormValues values, ValidationErrors errors, string idempotencyKey, bool filesDropped = false)
    {
        var html = new StringBuilder();
        html.Append("<h1>Meld inn sak</h1>");
        if (errors.Any)
        {
            html.Append("<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\"><h2 id=\"error-summary-title\">Det er ")
                .Append(errors.Fields.Sum(f => errors.For(f).Count)).Append(" feil i skjemaet</h2><ul>");
            foreach (var field in errors.Fields)
            {
                foreach (var message in errors.For(field))
                {
                    var target = field.Length == 0 || field == "Idempotency-Key" ? "#f-title" : "#" + Id(field);
                    html.Append("<li><a href=\"").Append(target).Append("\">").Append(Html.E(message)).Append("</a></li>");
                }
            }

            html.Append("</ul></div>");
        }

        var first = choices.FirstOrDefault();
        html.Append("<div class=\"panel\">");
        if (first is null)
        {
            html.Append("<p>Det er ingen møter med åpen saksfrist i møteplanen nå. Du kan likevel sende saken; sekretariatet finner et møte og gir deg beskjed.</p>");
        }
        else
        {
            html.Append("<p><strong>Neste møte i ").Append(Html.E(first.Body.Name)).Append(" (").Append(Html.E(first.Body.ShortName)).Append("):</strong> ")
                .Append(Html.E(Norwegian.LongDate(first.Meeting.Date))).Append(" kl. ").Append(Norwegian.Time(first.Meeting.Start)).Append(".</p>")
                .Append("<p><strong>Saksfrist:</strong> ").Append(Html.E(Norwegian.LongDate(first.Deadline)))
                .Append(" (").Append(first.Body.Rules.CaseDeadlineDays).Append(" dager før møtet). Saker som kommer senere, går til neste møte.</p>");
        }

        html.Append("</div>");
        html.Append("<p>Alle felt må fylles ut, unntatt der det står «valgfritt». Tekstfeltene kan bruke enkel formatering (Markdown): **fet**, *kursiv* og lister med bindestrek.</p>");
        html.Append("<form method=\"post\" action=\"").Append(Path).Append("\" enctype=\"multipart/form-data\" novalidate>");
        html.Append("<input type=\"hidden\" name=\"").Append(IdempotencyField).Append("\" value=\"").Append(Html.E(idempotencyKey)).Append("\">");

        var bodies = choices.Select(c => c.Body).DistinctBy(b => b.Code).ToList();
        html.Append("<h2>Saken</h2>");
        Field(html, errors, F.Body, "Til (utvalg)", null, () =>
        {
            var selected = values[F.Body];
            var sb = new StringBuilder("<select").Append(Attributes(errors, F.Body, null)).Append('>');
            foreach (var b in bodies)
            {
                sb.Append("<option value=\"").Append(Html.E(b.Code)).Append('"').Append(selected == b.Code ? " selected" : "").Append('>')
                    .Append(Html.E($"{b.Name} ({b.ShortName})")).Append("</option>");
            }

            return sb.Append("</select>").ToString();
        });
        TextInput(html, errors, values, F.Title, "Tittel", "Kort og beskrivende, som den skal stå på sakslisten.");
        Radios(html, errors, values, F.Kind, "Sakstype",
        [
            ("decision", "Beslutningssak", "Utvalget skal fatte et vedtak."),
            ("discussion", "Drøftingssak", "Utvalget skal drøfte saken før et senere vedtak."),
            ("information", "Orienteringssak", "Utvalget skal orienteres."),
        ]);
        TextInput(html, errors, values, F.From, "Fra", "Hvem saken kommer fra, for eksempel «Rana kommune» eller «Faglig samarbeidsutvalg for psykisk helse og rus».");
        Field(html, errors, F.PreferredMeetingDate, "Ønsket møte (valgfritt)", "Står det ingenting, går saken til første møte med åpen saksfrist.", () =>
        {
            var selected = values[F.PreferredMeetingDate];
            var sb = new StringBuilder("<select").Append(Attributes(errors, F.PreferredMeetingDate, "Ønsket møte (valgfritt)", required: false)).Append('>');
            sb.Append("<option value=\"\">Første møte med åpen saksfrist</option>");
            foreach (var c in choices)
            {
                var value = c.Meeting.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                sb.Append("<option value=\"").Append(value).Append('"').Append(selected == value ? " selected" : "").Append('>')
                    .Append(Html.E($"{c.Body.ShortName}: {Norwegian.LongDate(c.Meeting.Date)} (saksfrist {Norwegian.LongDate(c.Deadline)})")).Append("</option>");
            }

            return sb.Append("</select>").ToString();
        });

        html.Append("<h2>Saksfremlegget</h2>");
        TextArea(html, errors, values, F.Summary, "Sammendrag", "Hva saken gjelder og hva utvalget bes om, kort.", rows: 4);
        TextArea(html, errors, values, F.Background, "Bakgrunn", null, rows: 8);
        TextArea(html, errors, values, F.Assessment, "Vurdering (valgfritt)", null, rows: 8, required: false);
        TextArea(html, errors, values, F.ProposedDecision, "Forslag til vedtak", "Ett punkt per linje. Punktene nummereres automatisk. Kan stå tomt for en orienteringssak.", rows: 4, required: false);

        html.Append("<h2>Vedlegg</h2>");
        var attachmentHint = $"PDF, Word, Excel, PowerPoint, PNG eller JPEG. Høyst {AttachmentCheck.Megabytes(limits.MaxFileBytes)} per fil og {AttachmentCheck.Megabytes(limits.MaxCaseBytes)} til sammen."
            + (filesDropped ? " Du må velge vedleggene på nytt." : "");
        Field(html, errors, F.Attachments, "Vedlegg (valgfritt)", attachmentHint,
            () => "<input type=\"file\" multiple accept=\".pdf,.docx,.xlsx,.pptx,.png,.jpg,.jpeg\"" + Attributes(errors, F.Attachments, attachmentHint, required: false) + ">");

        html.Append("<h2>Offentlighet</h2>");
        html.Append("<div class=\"field\"><div class=\"choice\"><input type=\"checkbox\" id=\"f-exemption\" name=\"exemption\" value=\"yes\"")
            .Append(values.Exempt ? " checked" : "").Append("><label for=\"f-exemption\">Deler av saken er unntatt offentlighet</label></div></div>");
        TextInput(html, errors, values, F.ExemptionLegalBasis, "Hjemmel for unntak (hvis unntatt)", "For eksempel «offl. § 13» (taushetsplikt) eller «offl. § 14» (organinterne dokumenter).", required: false);
        TextArea(html, errors, values, F.ExemptionReason, "Hvilke deler, og hvorfor (valgfritt)", null, rows: 3, required: false);

        html.Append("<h2>Innsender</h2><p class=\"hint\">Vi sender kvittering og svar til deg. Navn og e-post blir ikke publisert.</p>");
        TextInput(html, errors, values, F.SubmitterName, "Navn", null, autocomplete: "name");
        TextInput(html, errors, values, F.SubmitterEmail, "E-post", null, type: "email", autocomplete: "email");
        TextInput(html, errors, values, F.SubmitterOrganisation, "Organisasjon", "Kommune, helseforetak eller annen virksomhet.", autocomplete: "organization");

        html.Append("<button type=\"submit\">Send inn saken</button></form>");
        return html.ToString();
    }

    private static string Id(string field) => "f-" + field.Replace('.', '-');

    private static string Attributes(ValidationErrors errors, string field, string? hint, bool required = true)
    {
        var describedBy = new List<string>();
        if (hint is not null)
        {
            describedBy.Add(Id(field) + "-hint");
        }

        if (errors.For(field).Any())
        {
            describedBy.Add(Id(field) + "-error");
        }

        return $" id=\"{Id(field)}\" name=\"{field}\""
            + (required ? " required" : "")
            + (errors.For(field).Any() ? " aria-invalid=\"true\"" : "")
            + (describedBy.Count > 0 ? $" aria-describedby=\"{string.Join(' ', describedBy)}\"" : "");
    }

    private static void Field(StringBuilder html, ValidationErrors errors, string field, string label, string? hint, Func<string> control)
    {
        var failed = errors.For(field);
        html.Append("<div class=\"field").Append(failed.Any() ? " has-error" : "").Append("\">")
            .Append("<label for=\"").Append(Id(field)).Append("\">").Append(Html.E(label)).Append("</label>");
        if (hint is not null)
        {
            html.Append("<p class=\"hint\" id=\"").Append(Id(field)).Append("-hint\">").Append(Html.E(hint)).Append("</p>");
        }

        AppendErrors(html, field, failed);
        html.Append(control()).Append("</div>");
    }

    private static void AppendErrors(StringBuilder html, string field, IReadOnlyList<string> failed)
    {
        if (failed.Any())
        {
            html.Append("<p class=\"field-error\" id=\"").Append(Id(field)).Append("-error\"><span class=\"visually-hidden\">Feil: </span>")
                .Append(string.Join(" ", failed.Select(Html.E))).Append("</p>");
        }
    }

    private static void TextInput(StringBuilder html, ValidationErrors errors, FormValues values, string field, string label, string? hint, string type = "text", string? autocomplete = null, bool required = true) =>
        Field(html, errors, field, label, hint, () =>
            $"<input type=\"{type}\"{Attributes(errors, field, hint, required)} value=\"{Html.E(values[field])}\"" + (autocomplete is null ? "" : $" autocomplete=\"{autocomplete}\"") + ">");

    private static void TextArea(StringBuilder html, ValidationErrors errors, FormValues values, string field, string label, string? hint, int rows, bool required = true) =>
        Field(html, errors, field, label, hint, () => $"<textarea rows=\"{rows}\"{Attributes(errors, field, hint, required)}>{Html.E(values[field])}</textarea>");

    private static void Radios(StringBuilder html, ValidationErrors errors, FormValues values, string field, string legend, (string Value, string Label, string Hint)[] options)
    {
        var failed = errors.For(field);
        html.Append("<div class=\"field").Append(failed.Any() ? " has-error" : "").Append("\"><fieldset")
            .Append(failed.Any() ? $" aria-describedby=\"{Id(field)}-error\"" : "").Append("><legend>").Append(Html.E(legend)).Append("</legend>");
        AppendErrors(html, field, failed);
        for (var i = 0; i < options.Length; i++)
        {
            var (value, label, hint) = options[i];
            var id = i == 0 ? Id(field) : $"{Id(field)}-{value}";
            html.Append("<div class=\"choice\"><input type=\"radio\" id=\"").Append(id).Append("\" name=\"").Append(field).Append("\" value=\"").Append(value).Append('"')
                .Append(values[field] == value ? " checked" : "").Append(" aria-describedby=\"").Append(id).Append("-hint\"><div><label for=\"").Append(id).Append("\">")
                .Append(Html.E(label)).Append("</label><p class=\"hint\" id=\"").Append(id).Append("-hint\">").Append(Html.E(hint)).Append("</p></div></div>");
        }

        html.Append("</fieldset></div>");
    }
}
