using Helsefellesskap.Functions.Common;
using System.Globalization;
using System.Text.Json;
using Helsefellesskap.Functions.Email;

namespace Helsefellesskap.Functions.Cases;

/// <summary>A file as it arrived, not yet checked.</summary>
public sealed record IncomingFile(string FileName, long Length, Func<Stream> Open);

/// <summary>
/// A case submission as it arrived, from JSON or from a form: every value still a string, nothing
/// trusted yet. The field names are those of the API (<c>submitter.email</c>, <c>exemption.legalBasis</c> …);
/// errors are keyed by them too.
/// </summary>
public sealed class CaseSubmissionInput
{
    public string? Body { get; set; }
    public string? Title { get; set; }
    public string? Kind { get; set; }
    public string? From { get; set; }
    public string? SubmitterName { get; set; }
    public string? SubmitterEmail { get; set; }
    public string? SubmitterOrganisation { get; set; }
    public string? Summary { get; set; }
    public string? Background { get; set; }
    public string? Assessment { get; set; }
    public List<string> ProposedDecision { get; } = [];
    public string? PreferredMeetingDate { get; set; }
    public bool ExemptionRequested { get; set; }
    public string? ExemptionLegalBasis { get; set; }
    public string? ExemptionReason { get; set; }
    public List<IncomingFile> Attachments { get; } = [];

    /// <summary>Values of the wrong JSON type, found while reading.</summary>
    public ValidationErrors Errors { get; } = new();

    public static class Fields
    {
        public const string Body = "body";
        public const string Title = "title";
        public const string Kind = "kind";
        public const string From = "from";
        public const string SubmitterName = "submitter.name";
        public const string SubmitterEmail = "submitter.email";
        public const string SubmitterOrganisation = "submitter.organisation";
        public const string Summary = "summary";
        public const string Background = "background";
        public const string Assessment = "assessment";
        public const string ProposedDecision = "proposedDecision";
        public const string PreferredMeetingDate = "preferredMeetingDate";
        public const string Exemption = "exemption";
        public const string ExemptionLegalBasis = "exemption.legalBasis";
        public const string ExemptionReason = "exemption.reason";
        public const string Attachments = "attachments";
    }

    public static CaseSubmissionInput FromJson(JsonElement root)
    {
        var input = new CaseSubmissionInput();
        if (root.ValueKind != JsonValueKind.Object)
        {
            input.Errors.Add("", "Forespørselen må være et JSON-objekt med feltene i saksmalen.");
            return input;
        }

        input.Body = input.Text(root, "body", Fields.Body);
        input.Title = input.Text(root, "title", Fields.Title);
        input.Kind = input.Text(root, "kind", Fields.Kind);
        input.From = input.Text(root, "from", Fields.From);
        input.Summary = input.Text(root, "summary", Fields.Summary);
        input.Background = input.Text(root, "background", Fields.Background);
        input.Assessment = input.Text(root, "assessment", Fields.Assessment);
        input.PreferredMeetingDate = input.Text(root, "preferredMeetingDate", Fields.PreferredMeetingDate);

        if (input.Object(root, "submitter", "submitter") is { } submitter)
        {
            input.SubmitterName = input.Text(submitter, "name", Fields.SubmitterName);
            input.SubmitterEmail = input.Text(submitter, "email", Fields.SubmitterEmail);
            input.SubmitterOrganisation = input.Text(submitter, "organisation", Fields.SubmitterOrganisation);
        }

        if (input.Object(root, "exemption", Fields.Exemption) is { } exemption)
        {
            input.ExemptionRequested = true;
            input.ExemptionLegalBasis = input.Text(exemption, "legalBasis", Fields.ExemptionLegalBasis);
            input.ExemptionReason = input.Text(exemption, "reason", Fields.ExemptionReason);
        }

        if (root.TryGetProperty("proposedDecision", out var points) && points.ValueKind != JsonValueKind.Null)
        {
            if (points.ValueKind == JsonValueKind.Array && points.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String))
            {
                input.ProposedDecision.AddRange(points.EnumerateArray().Select(p => p.GetString()!));
            }
            else if (points.ValueKind == JsonValueKind.String)
            {
                input.ProposedDecision.AddRange(SplitPoints(points.GetString()!));
            }
            else
            {
                input.Errors.Add(Fields.ProposedDecision, "Forslag til vedtak må være en liste med tekstpunkter.");
            }
        }

        return input;
    }

    public static CaseSubmissionInput FromForm(IFormCollection form)
    {
        string? Value(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
        var input = new CaseSubmissionInput
        {
            Body = Value(Fields.Body),
            Title = Value(Fields.Title),
            Kind = Value(Fields.Kind),
            From = Value(Fields.From),
            SubmitterName = Value(Fields.SubmitterName),
            SubmitterEmail = Value(Fields.SubmitterEmail),
            SubmitterOrganisation = Value(Fields.SubmitterOrganisation),
            Summary = Value(Fields.Summary),
            Background = Value(Fields.Background),
            Assessment = Value(Fields.Assessment),
            PreferredMeetingDate = Value(Fields.PreferredMeetingDate),
            ExemptionLegalBasis = Value(Fields.ExemptionLegalBasis),
            ExemptionReason = Value(Fields.ExemptionReason),
        };
        input.ExemptionRequested = form.ContainsKey(Fields.Exemption) || !string.IsNullOrWhiteSpace(input.ExemptionLegalBasis);
        if (form.TryGetValue(Fields.ProposedDecision, out var points))
        {
            foreach (var point in points)
            {
                input.ProposedDecision.AddRange(SplitPoints(point ?? ""));
            }
        }

        foreach (var file in form.Files.GetFiles(Fields.Attachments))
        {
            // A form without a chosen file still sends an empty part with no name.
            if (file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            {
                continue;
            }

            input.Attachments.Add(new IncomingFile(file.FileName, file.Length, file.OpenReadStream));
        }

        return input;
    }

    /// <summary>One point per line; a numbering the writer typed ("1.", "2)") is dropped, since points are numbered when printed.</summary>
    public static IEnumerable<string> SplitPoints(string text) =>
        text.Split('\n')
            .Select(line => line.TrimEnd('\r').Trim())
            .Select(line => NumberPrefix.Replace(line, ""))
            .Where(line => line.Length > 0);

    private static readonly System.Text.RegularExpressions.Regex NumberPrefix = new(@"^\d{1,2}\s*[.)]\s+", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private string? Text(JsonElement parent, string property, string field)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }

        Errors.Add(field, "Feltet må være tekst.");
        return null;
    }

    private JsonElement? Object(JsonElement parent, string property, string field)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        Errors.Add(field, "Feltet må være et objekt.");
        return null;
    }
}

/// <summary>A submission that passed every check: the case as the submitter wrote it.</summary>
public sealed record CaseSubmission(
    string Body,
    string Title,
    CaseKind Kind,
    string From,
    Submitter Submitter,
    string Summary,
    string Background,
    string Assessment,
    IReadOnlyList<string> ProposedDecision,
    DateOnly? PreferredMeetingDate,
    Exemption? Exemption);

/// <summary>The rules every case submission must meet, whichever way it came in.</summary>
public static class CaseSubmissionRules
{
    public const int MaxShortText = 200;
    public const int MaxSummary = 4_000;
    public const int MaxLongText = 15_000;
    public const int MaxPoints = 20;
    public const int MaxPointLength = 1_000;
    public const int MaxReason = 1_000;

    public static (CaseSubmission? Submission, ValidationErrors Errors) Validate(CaseSubmissionInput input, DateOnly today)
    {
        var errors = new ValidationErrors();
        errors.AddRange(input.Errors);

        var body = Required(errors, CaseSubmissionInput.Fields.Body, input.Body, MaxShortText, "Velg hvilket utvalg saken skal til.", "Utvalget");
        var title = Required(errors, CaseSubmissionInput.Fields.Title, input.Title, MaxShortText, "Skriv en tittel på saken.", "Tittelen");
        var from = Required(errors, CaseSubmissionInput.Fields.From, input.From, MaxShortText, "Skriv hvem saken er fra (Fra), for eksempel en kommune eller en avdeling.", "Fra-feltet");
        var name = Required(errors, CaseSubmissionInput.Fields.SubmitterName, input.SubmitterName, MaxShortText, "Skriv navnet ditt.", "Navnet");
        var email = Required(errors, CaseSubmissionInput.Fields.SubmitterEmail, input.SubmitterEmail, 254, "Skriv e-postadressen din, så vi kan sende kvittering.", "E-postadressen");
        if (email is not null && !EmailAddressRule.IsValid(email))
        {
            errors.Add(CaseSubmissionInput.Fields.SubmitterEmail, "E-postadressen er ikke gyldig. Skriv den slik: navn@kommune.no.");
        }

        var organisation = Required(errors, CaseSubmissionInput.Fields.SubmitterOrganisation, input.SubmitterOrganisation, MaxShortText, "Skriv hvilken organisasjon du sender saken for.", "Organisasjonen");
        var summary = RequiredText(errors, CaseSubmissionInput.Fields.Summary, input.Summary, MaxSummary, "Skriv et sammendrag av saken.", "Sammendraget");
        var background = RequiredText(errors, CaseSubmissionInput.Fields.Background, input.Background, MaxLongText, "Skriv bakgrunnen for saken.", "Bakgrunnen");
        var assessment = input.Assessment ?? "";
        CheckText(errors, CaseSubmissionInput.Fields.Assessment, assessment, MaxLongText, "Vurderingen");

        CaseKind? kind = input.Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "decision" or "beslutningssak" => CaseKind.Decision,
            "discussion" or "drøftingssak" => CaseKind.Discussion,
            "information" or "orienteringssak" => CaseKind.Information,
            _ => null,
        };
        if (kind is null && !errors.For(CaseSubmissionInput.Fields.Kind).Any())
        {
            errors.Add(CaseSubmissionInput.Fields.Kind, "Velg sakstype: beslutningssak, drøftingssak eller orienteringssak.");
        }

        var points = input.ProposedDecision.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (points.Count == 0 && (kind is CaseKind.Decision or CaseKind.Discussion) && !errors.For(CaseSubmissionInput.Fields.ProposedDecision).Any())
        {
            errors.Add(CaseSubmissionInput.Fields.ProposedDecision, "Skriv minst ett punkt i forslag til vedtak, ett punkt per linje.");
        }

        if (points.Count > MaxPoints)
        {
            errors.Add(CaseSubmissionInput.Fields.ProposedDecision, $"Forslag til vedtak kan ha høyst {MaxPoints} punkter.");
        }

        if (points.Any(p => p.Length > MaxPointLength))
        {
            errors.Add(CaseSubmissionInput.Fields.ProposedDecision, $"Hvert punkt i forslag til vedtak kan ha høyst {MaxPointLength} tegn.");
        }

        if (points.Any(HasForbiddenCharacters))
        {
            errors.Add(CaseSubmissionInput.Fields.ProposedDecision, ForbiddenCharacters("Forslag til vedtak"));
        }

        if (points.Count == 0 && kind == CaseKind.Information)
        {
            points.Add("Saken tas til orientering.");
        }

        DateOnly? preferred = null;
        if (!string.IsNullOrWhiteSpace(input.PreferredMeetingDate))
        {
            if (DateOnly.TryParseExact(input.PreferredMeetingDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                preferred = date;
                if (date < today)
                {
                    errors.Add(CaseSubmissionInput.Fields.PreferredMeetingDate, "Ønsket møtedato kan ikke være tilbake i tid.");
                }
            }
            else
            {
                errors.Add(CaseSubmissionInput.Fields.PreferredMeetingDate, "Ønsket møtedato må være en dato skrevet som åååå-mm-dd, for eksempel 2027-02-11.");
            }
        }

        Exemption? exemption = null;
        if (input.ExemptionRequested)
        {
            var basis = Required(errors, CaseSubmissionInput.Fields.ExemptionLegalBasis, input.ExemptionLegalBasis, MaxShortText, "Oppgi hjemmel for unntak fra offentlighet, for eksempel «offl. § 13».", "Hjemmelen");
            var reason = string.IsNullOrWhiteSpace(input.ExemptionReason) ? null : input.ExemptionReason.Trim();
            if (reason is not null)
            {
                CheckText(errors, CaseSubmissionInput.Fields.ExemptionReason, reason, MaxReason, "Begrunnelsen");
            }

            exemption = basis is null ? null : new Exemption(basis, reason);
        }

        if (errors.Any)
        {
            return (null, errors);
        }

        return (new CaseSubmission(
            body!.ToLowerInvariant(), title!, kind!.Value, from!, new Submitter(name!, email!, organisation!),
            summary!, background!, assessment, points, preferred, exemption), errors);
    }

    private static string? Required(ValidationErrors errors, string field, string? value, int max, string missing, string what)
    {
        if (errors.For(field).Any())
        {
            return null;
        }

        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(field, missing);
            return null;
        }

        return CheckText(errors, field, trimmed, max, what) ? trimmed : null;
    }

    /// <summary>Like <see cref="Required"/> but keeps the Markdown exactly as written.</summary>
    private static string? RequiredText(ValidationErrors errors, string field, string? value, int max, string missing, string what)
    {
        if (errors.For(field).Any())
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, missing);
            return null;
        }

        return CheckText(errors, field, value, max, what) ? value : null;
    }

    private static bool CheckText(ValidationErrors errors, string field, string value, int max, string what)
    {
        if (value.Length > max)
        {
            errors.Add(field, $"{what} kan ha høyst {max} tegn (nå {value.Length}).");
            return false;
        }

        if (HasForbiddenCharacters(value))
        {
            errors.Add(field, ForbiddenCharacters(what));
            return false;
        }

        return true;
    }

    /// <summary>Control characters other than line breaks and tabs cannot be stored or printed.</summary>
    private static bool HasForbiddenCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    private static string ForbiddenCharacters(string what) =>
        $"{what} inneholder usynlige kontrolltegn som ikke kan lagres. Skriv eller lim inn teksten på nytt.";
}
