using System.Text.Json;
using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Cases;

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
    public bool ExemptionTitle { get; set; }

    /// <summary>The sections exempt ("summary", "background", "assessment", "proposedDecision"); none named: the whole case.</summary>
    public List<string> ExemptionSections { get; } = [];

    /// <summary>The attachments exempt, by number (1 = the first).</summary>
    public List<int> ExemptionAttachments { get; } = [];

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
        public const string ExemptionTitle = "exemption.title";
        public const string ExemptionSections = "exemption.sections";
        public const string ExemptionAttachments = "exemption.attachments";
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
            input.ExemptionTitle = exemption.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.True;
            if (exemption.TryGetProperty("sections", out var sections) && sections.ValueKind != JsonValueKind.Null)
            {
                if (sections.ValueKind == JsonValueKind.Array && sections.EnumerateArray().All(x => x.ValueKind == JsonValueKind.String))
                {
                    input.ExemptionSections.AddRange(sections.EnumerateArray().Select(x => x.GetString()!));
                }
                else
                {
                    input.Errors.Add(Fields.ExemptionSections, "Unntatte deler må være en liste med navn på deler, for eksempel [\"assessment\"].");
                }
            }

            if (exemption.TryGetProperty("attachments", out var numbers) && numbers.ValueKind != JsonValueKind.Null)
            {
                if (numbers.ValueKind == JsonValueKind.Array && numbers.EnumerateArray().All(x => x.ValueKind == JsonValueKind.Number && x.TryGetInt32(out _)))
                {
                    input.ExemptionAttachments.AddRange(numbers.EnumerateArray().Select(x => x.GetInt32()));
                }
                else
                {
                    input.Errors.Add(Fields.ExemptionAttachments, "Unntatte vedlegg må være en liste med vedleggsnumre, for eksempel [2].");
                }
            }
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
        input.ExemptionTitle = form.ContainsKey(Fields.ExemptionTitle);
        if (form.TryGetValue(Fields.ExemptionSections, out var exemptSections))
        {
            input.ExemptionSections.AddRange(exemptSections.OfType<string>().Where(x => x.Length > 0));
        }

        foreach (var number in (Value(Fields.ExemptionAttachments) ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
            {
                input.ExemptionAttachments.Add(n);
            }
            else
            {
                input.Errors.Add(Fields.ExemptionAttachments, $"«{number}» er ikke et vedleggsnummer. Skriv numrene på de unntatte vedleggene, for eksempel «1, 3».");
            }
        }
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
