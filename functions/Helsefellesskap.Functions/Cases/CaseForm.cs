using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;
using Microsoft.Extensions.Options;
using F = Helsefellesskap.Functions.Cases.CaseSubmissionInput.Fields;

namespace Helsefellesskap.Functions.Cases;

/// <summary>
/// The public form for submitting a case (Meld inn sak) and its receipt (the page is <see cref="CaseFormPage"/>;
/// the submitter's status page, which follows the case to its decision, is Minutes/CaseStatusEndpoints).
/// </summary>
public static class CaseForm
{
    public const string Path = "/api/sak/ny";
    public const string IdempotencyField = "idempotencyKey";

    public static void MapCaseForm(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, Show);
        app.MapPost(Path, Submit).DisableAntiforgery();
    }

    private static async Task<IResult> Show(MeetingStore meetings, TimeProvider clock, IOptions<CommunityOptions> community, IOptions<IntakeOptions> limits, CancellationToken ct) =>
        Form($"Meld inn sak – {community.Value.Name}", await OpenMeetings(meetings, clock, ct), limits.Value, new FormValues(), new ValidationErrors(), Guid.NewGuid().ToString("N"));

    private static async Task<IResult> Submit(HttpRequest request, CaseIntake intake, CaseLinks links, MeetingStore meetings, TimeProvider clock, IOptions<CommunityOptions> community, IOptions<IntakeOptions> limits, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Pages.Message("Skjemaet kunne ikke leses", "Skjemaet kunne ikke leses", "Gå tilbake til skjemaet og prøv igjen.", StatusCodes.Status415UnsupportedMediaType, linkUrl: Path, linkText: "Gå tilbake til skjemaet");
        }

        var form = await request.ReadFormAsync(ct);
        var input = CaseSubmissionInput.FromForm(form);
        var key = form[IdempotencyField].FirstOrDefault();
        var outcome = await intake.Submit(input, string.IsNullOrWhiteSpace(key) ? null : key, ct);

        if (outcome is CaseIntake.Outcome.Created created)
        {
            return Pages.SeeOther(links.StatusPath(created.Case.Id) + "&kvittering=1");
        }

        var (errors, status, keep) = Refusal(outcome);
        key = keep ? key : null;
        return Form($"Feil: Meld inn sak – {community.Value.Name}", await OpenMeetings(meetings, clock, ct), limits.Value, FormValues.From(form, input), errors,
            key ?? Guid.NewGuid().ToString("N"), input.Attachments.Count > 0, status);
    }

    /// <summary>Why a submission from a form was not stored: the errors to show, the status, and whether the form keeps its idempotency key.</summary>
    public static (ValidationErrors Errors, int Status, bool KeepKey) Refusal(CaseIntake.Outcome outcome)
    {
        var errors = new ValidationErrors();
        switch (outcome)
        {
            case CaseIntake.Outcome.Invalid invalid:
                return (invalid.Errors, invalid.StatusCode, true);
            case CaseIntake.Outcome.UnknownBody:
                errors.Add(F.Body, "Velg et utvalg fra listen.");
                return (errors, StatusCodes.Status400BadRequest, true);
            case CaseIntake.Outcome.KeyInProgress:
                errors.Add("", "Skjemaet er allerede sendt og behandles. Vent noen sekunder og last siden på nytt.");
                return (errors, StatusCodes.Status409Conflict, true);
            default:
                errors.Add("", "Skjemaet ble endret etter at det var sendt. Send det på nytt for å melde inn en ny sak.");
                return (errors, StatusCodes.Status409Conflict, false);
        }
    }

    private static IResult Form(string title, IReadOnlyList<MeetingChoice> choices, IntakeOptions limits, FormValues values, ValidationErrors errors, string idempotencyKey, bool filesDropped = false, int status = StatusCodes.Status200OK) =>
        Pages.Render<CaseFormPage>(new { Title = title, Choices = choices, Limits = limits, Values = values, Errors = errors, IdempotencyKey = idempotencyKey, FilesDropped = filesDropped }, status);

    public sealed record MeetingChoice(Body Body, Meeting Meeting, DateOnly Deadline);

    public static async Task<IReadOnlyList<MeetingChoice>> OpenMeetings(MeetingStore meetings, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var choices = new List<MeetingChoice>();
        // The strategic committee first (most cases go there), then the partnership meeting, then the FSUs.
        foreach (var body in (await meetings.Bodies(ct)).Where(b => b.TakesCases).OrderBy(b => b.Kind switch { BodyKind.Strategic => 0, BodyKind.Partnership => 1, _ => 2 }).ThenBy(b => b.Name, StringComparer.Create(Norwegian.Culture, false)))
        {
            choices.AddRange((await meetings.Plan(body.Code, ct))
                .Where(m => CaseDeadline.IsOpen(m, body.Rules, now))
                .Take(8)
                .Select(m => new MeetingChoice(body, m, CaseDeadline.LastDay(m, body.Rules))));
        }

        return choices;
    }

    /// <summary>What the person typed, to show again when the form comes back with errors.</summary>
    public sealed class FormValues
    {
        public Dictionary<string, string> Text { get; } = new(StringComparer.Ordinal);
        public bool Exempt { get; private set; }

        public bool ExemptTitle { get; private set; }

        /// <summary>The sections ticked as exempt.</summary>
        public IReadOnlyList<string> ExemptSections { get; private set; } = [];

        public string this[string field] => Text.TryGetValue(field, out var v) ? v : "";

        public static FormValues From(IFormCollection form, CaseSubmissionInput input)
        {
            var values = new FormValues { Exempt = input.ExemptionRequested, ExemptTitle = input.ExemptionTitle, ExemptSections = input.ExemptionSections.ToList() };
            foreach (var (key, value) in form)
            {
                values.Text[key] = value.ToString();
            }

            return values;
        }
    }

    /// <summary>The id of a field's control: "f-submitter-name" for "submitter.name".</summary>
    public static string FieldId(string field) => "f-" + field.Replace('.', '-');
}
