using Helsefellesskap.Functions.Common;
using System.Globalization;
using Helsefellesskap.Functions.Email;

namespace Helsefellesskap.Functions.Cases;

/// <summary>The rules every case submission must meet, whichever way it came in.</summary>
public static class CaseSubmissionRules
{
    public const int MaxShortText = 200;
    public const int MaxSummary = 4_000;
    public const int MaxLongText = 15_000;
    public const int MaxPoints = 20;
    public const int MaxPointLength = 1_000;
    public const int MaxReason = 1_000;

    /// <param name="sectionsOptional">The secretariat registers a case for someone and may leave the summary and background empty, as real papers sometimes do.</param>
    public static (CaseSubmission? Submission, ValidationErrors Errors) Validate(CaseSubmissionInput input, DateOnly today, bool sectionsOptional = false)
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
        var summary = sectionsOptional && string.IsNullOrWhiteSpace(input.Summary) ? ""
            : RequiredText(errors, CaseSubmissionInput.Fields.Summary, input.Summary, MaxSummary, "Skriv et sammendrag av saken.", "Sammendraget");
        var background = sectionsOptional && string.IsNullOrWhiteSpace(input.Background) ? ""
            : RequiredText(errors, CaseSubmissionInput.Fields.Background, input.Background, MaxLongText, "Skriv bakgrunnen for saken.", "Bakgrunnen");
        var assessment = input.Assessment ?? "";
        CheckText(errors, CaseSubmissionInput.Fields.Assessment, assessment, MaxLongText, "Vurderingen");

        var kind = Kind(input, errors);
        var points = ProposedDecision(input, kind, errors);
        var preferred = PreferredDate(input, today, errors);
        var exemption = input.ExemptionRequested ? ExemptionOf(input, errors) : null;

        if (errors.Any)
        {
            return (null, errors);
        }

        return (new CaseSubmission(
            body!.ToLowerInvariant(), title!, kind!.Value, from!, new Submitter(name!, email!, organisation!),
            summary!, background!, assessment, points, preferred, exemption), errors);
    }

    /// <summary>The kind of case, in English or Norwegian; null (and a problem) when missing or unknown.</summary>
    private static CaseKind? Kind(CaseSubmissionInput input, ValidationErrors errors)
    {
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

        return kind;
    }

    /// <summary>The points of the proposed decision, one a line: at least one for a decision or discussion case, "Saken tas til orientering." for an information case without.</summary>
    private static List<string> ProposedDecision(CaseSubmissionInput input, CaseKind? kind, ValidationErrors errors)
    {
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
            errors.Add(CaseSubmissionInput.Fields.ProposedDecision, ForbiddenCharacters("Forslag til vedtak", points.First(HasForbiddenCharacters)));
        }

        if (points.Count == 0 && kind == CaseKind.Information)
        {
            points.Add("Saken tas til orientering.");
        }

        return points;
    }

    /// <summary>The meeting date the submitter would like, if any (not in the past).</summary>
    private static DateOnly? PreferredDate(CaseSubmissionInput input, DateOnly today, ValidationErrors errors)
    {
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

        return preferred;
    }

    /// <summary>What is exempt from public access and on what legal basis; null (and problems) when the basis is missing.</summary>
    private static Exemption? ExemptionOf(CaseSubmissionInput input, ValidationErrors errors)
    {
        var basis = Required(errors, CaseSubmissionInput.Fields.ExemptionLegalBasis, input.ExemptionLegalBasis, MaxShortText, "Oppgi hjemmel for unntak fra offentlighet, for eksempel «offl. § 13».", "Hjemmelen");
        var reason = string.IsNullOrWhiteSpace(input.ExemptionReason) ? null : input.ExemptionReason.Trim();
        if (reason is not null)
        {
            CheckText(errors, CaseSubmissionInput.Fields.ExemptionReason, reason, MaxReason, "Begrunnelsen");
        }

        foreach (var unknown in input.ExemptionSections.Where(x => !Exemption.SectionNames.Contains(x)))
        {
            errors.Add(CaseSubmissionInput.Fields.ExemptionSections, $"«{unknown}» er ikke en del av saken. Gyldige deler: {string.Join(", ", Exemption.SectionNames)}.");
        }

        foreach (var wrong in input.ExemptionAttachments.Where(n => n < 1 || n > input.Attachments.Count))
        {
            errors.Add(CaseSubmissionInput.Fields.ExemptionAttachments, $"Vedlegg {wrong} finnes ikke; saken har {input.Attachments.Count} vedlegg.");
        }

        return basis is null ? null : new Exemption(basis, reason, input.ExemptionTitle,
            input.ExemptionSections.Count == 0 ? null : input.ExemptionSections.Distinct().ToList(),
            input.ExemptionAttachments.Count == 0 ? null : input.ExemptionAttachments.Distinct().Order().ToList());
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
            errors.Add(field, ForbiddenCharacters(what, value));
            return false;
        }

        return true;
    }

    /// <summary>Control characters other than line breaks and tabs cannot be stored or printed; bidi and zero-width characters change what is shown (<see cref="InvisibleCharacters"/>).</summary>
    private static bool HasForbiddenCharacters(string value) =>
        value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t') || InvisibleCharacters.In(value);

    private static string ForbiddenCharacters(string what, string value) =>
        InvisibleCharacters.In(value) ? InvisibleCharacters.Message(what) : $"{what} inneholder usynlige kontrolltegn som ikke kan lagres. Skriv eller lim inn teksten på nytt.";
}
