using System.Security.Claims;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Web;
using Action = Helsefellesskap.Functions.Agenda.AgendaEndpoints.DecisionAction;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Saker: the inbox by body and status, and one case with its paper, attachments and what can be done with it.</summary>
public static class CasesScreen
{
    /// <summary>The cases still in the secretariat's hands, shown unless another status is chosen.</summary>
    public static readonly IReadOnlySet<CaseStatus> Open = new HashSet<CaseStatus> { CaseStatus.Received, CaseStatus.Accepted, CaseStatus.OnAgenda };

    public const string RegisterPath = WorkspaceAuth.Root + "/saker/ny";

    public sealed record ListModel(IReadOnlyList<Body> Bodies, string? Body, CaseStatus? Status, IReadOnlyList<CaseRecord> Cases, IReadOnlyDictionary<string, Body> ByCode);

    /// <param name="Targets">The meetings a case can be moved to (every body's, from today on).</param>
    /// <param name="History">The case's earlier texts, newest first.</param>
    public sealed record CaseModel(CaseRecord Case, Body? Body, Meeting? Meeting, IReadOnlyList<(Body Body, Meeting Meeting)> Targets, bool AgendaFrozen,
        ValidationErrors Errors, string? Action, string? Reason, string? Notice, IReadOnlyList<CaseVersion> History)
    {
        /// <summary>What each change altered: a version against the one after it (the newest against the case as it is).</summary>
        public IReadOnlyList<(CaseVersion Version, IReadOnlyList<string> Changed)> Changes =>
            History.Select((v, i) => (v, CaseEdits.Differences(v.Before, i == 0 ? Case.Content : History[i - 1].Before))).ToList();
    }

    public static void MapCasesScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("saker", List);
        screens.MapGet("saker/ny", ShowRegister);
        screens.MapPost("saker/ny", Register);
        screens.MapGet("saker/{id}", Show);
        screens.MapPost("saker/{id}", Decide);
        screens.MapGet("saker/{id}/rediger", ShowEdit);
        screens.MapPost("saker/{id}/rediger", Edit);
        screens.MapGet("saker/{id}/dokument", Paper);
        screens.MapGet("saker/{id}/vedlegg/{index:int}", Attachment);
    }

    private static async Task<IResult> List(string? utvalg, string? status, MeetingStore meetings, CaseStore cases, CancellationToken ct)
    {
        var bodies = await meetings.Bodies(ct);
        var body = bodies.Any(b => b.Code == utvalg) ? utvalg : null;
        var chosen = EnumText.TryParse<CaseStatus>(status ?? "", out var s) ? s : (CaseStatus?)null;
        var found = (await cases.List(body, chosen, ct)).Where(c => chosen is not null || Open.Contains(c.Status)).OrderByDescending(c => c.ReceivedAt).ToList();
        return Pages.Render<CaseListPage>(new { Model = new ListModel(bodies, body, chosen, found, bodies.ToDictionary(b => b.Code)) });
    }

    private static async Task<IResult> ShowRegister(MeetingStore meetings, TimeProvider clock, Microsoft.Extensions.Options.IOptions<IntakeOptions> limits, CancellationToken ct) =>
        Pages.Render<CaseRegisterPage>(new { Choices = await CaseForm.OpenMeetings(meetings, clock, ct), Limits = limits.Value, IdempotencyKey = Guid.NewGuid().ToString("N") });

    /// <summary>A case registered for its submitter, who gets the receipt; the same intake as the form's, the sections optional.</summary>
    private static async Task<IResult> Register(IFormCollection form, ClaimsPrincipal user, CaseIntake intake, AuditTrail audit, MeetingStore meetings, TimeProvider clock,
        Microsoft.Extensions.Options.IOptions<IntakeOptions> limits, CancellationToken ct)
    {
        var input = CaseSubmissionInput.FromForm(form);
        var key = form[CaseForm.IdempotencyField].FirstOrDefault();
        var outcome = await intake.Submit(input, string.IsNullOrWhiteSpace(key) ? null : key, ct, bySecretariat: true);
        if (outcome is CaseIntake.Outcome.Created created)
        {
            return await WorkspaceResults.Done(user, audit, "Registrerte sak", created.Case.Id, $"for {created.Case.Submitter.Name}, {created.Case.Submitter.Organisation}", WorkspacePaths.Case(created.Case.Id), "registrert-sak", ct);
        }

        var (errors, status, keep) = CaseForm.Refusal(outcome);
        return Pages.Render<CaseRegisterPage>(new
        {
            Choices = await CaseForm.OpenMeetings(meetings, clock, ct),
            Limits = limits.Value,
            Values = CaseForm.FormValues.From(form, input),
            Errors = errors,
            IdempotencyKey = keep && !string.IsNullOrWhiteSpace(key) ? key : Guid.NewGuid().ToString("N"),
            FilesDropped = input.Attachments.Count > 0,
        }, status);
    }

    private static async Task<IResult> Show(string id, string? utfort, MeetingStore meetings, CaseStore cases, AgendaService agendas, CaseEdits edits, TimeProvider clock, CancellationToken ct) =>
        await Model(id, new ValidationErrors(), null, null, WorkspaceResults.Notice(utfort), meetings, cases, agendas, edits, clock, ct) is { } model
            ? Pages.Render<CasePage>(new { Model = model })
            : NotFound(id);

    private static async Task<CaseModel?> Model(string id, ValidationErrors errors, string? action, string? reason, string? notice, MeetingStore meetings, CaseStore cases, AgendaService agendas, CaseEdits edits, TimeProvider clock, CancellationToken ct)
    {
        var found = await cases.Find(id, ct);
        if (found is null)
        {
            return null;
        }

        var today = Oslo.Today(clock);
        var targets = new List<(Body, Meeting)>();
        foreach (var b in (await meetings.Bodies(ct)).Where(b => b.TakesCases))
        {
            targets.AddRange((await meetings.Plan(b.Code, ct)).Where(m => m.Status == MeetingStatus.Planned && m.Date >= today && m.Id.Value != found.MeetingId).Select(m => (b, m)));
        }

        var meeting = found.MeetingId is null ? null : await meetings.FindMeeting(found.MeetingId, ct);
        var frozen = meeting is not null && (await agendas.State(meeting.Id, ct)).Frozen;
        return new CaseModel(found, await meetings.FindBody(found.Body, ct), meeting, targets.OrderBy(t => t.Item2.Date).ToList(), frozen, errors, action, reason, notice, await edits.History(id, ct));
    }

    private static async Task<IResult> Decide(string id, IFormCollection form, ClaimsPrincipal user, AgendaSettlement settlement, AuditTrail audit,
        MeetingStore meetings, CaseStore cases, AgendaService agendas, CaseEdits edits, TimeProvider clock, CancellationToken ct)
    {
        var found = await cases.Find(id, ct);
        if (found is null)
        {
            return NotFound(id);
        }

        var errors = new ValidationErrors();
        var actionText = form["action"].FirstOrDefault();
        var reason = form["reason"].FirstOrDefault()?.Trim();
        var target = form["meeting"].FirstOrDefault();
        Action? action = actionText switch
        {
            "accept" => Action.Accept,
            "move" => Action.Redirect,
            "urgent" => Action.Urgent,
            "elsewhere" => Action.Redirect,
            "reject" => Action.Reject,
            "withdraw" => Action.Withdraw,
            _ => null,
        };
        if (action is null)
        {
            errors.Add("action", "Velg hva som skal skje med saken.");
        }
        else if (actionText is "move" or "urgent" && string.IsNullOrEmpty(target))
        {
            errors.Add("meeting", "Velg møtet saken skal flyttes til.");
        }
        else if (action != Action.Accept && string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("reason", "Skriv en begrunnelse. Innsenderen får den på e-post.");
        }
        else if (found.MeetingId is null)
        {
            errors.Add("action", "Saken er ikke meldt til noe møte. Flytt den til et møte først.");
        }

        if (!errors.Any)
        {
            // An urgent case taken up after the deadline keeps why on the case for good; the submitter is told.
            var decision = new AgendaEndpoints.CaseDecision(id, action!.Value, string.IsNullOrWhiteSpace(reason) ? null : reason, actionText is "move" or "urgent" ? target : null);
            switch (await settlement.Settle(found.Meeting!.Value, new AgendaEndpoints.AgendaChange(null, [decision], false), ct))
            {
                case AgendaSettlement.Result.Settled:
                    var (label, notice) = actionText switch
                    {
                        "accept" => ("Godtok saken", "godtatt"),
                        "move" => ("Flyttet saken til " + target, "flyttet"),
                        "urgent" => ("Tok saken opp som hastesak i " + target, "hastesak"),
                        "elsewhere" => ("Sendte saken videre", "videresendt"),
                        "reject" => ("Avviste saken", "avvist"),
                        _ => ("Trakk saken", "trukket"),
                    };
                    return await WorkspaceResults.Done(user, audit, label, id, reason ?? "", WorkspacePaths.Case(id), notice, ct);
                case AgendaSettlement.Result.AlreadyFrozen frozen:
                    errors.Add("action", $"Sakslisten for møtet ble fastsatt {Norwegian.DateTime(frozen.At)} og kan ikke endres.");
                    break;
                case AgendaSettlement.Result.Invalid invalid:
                    errors = invalid.Errors.Renamed(_ => "action");
                    break;
                default:
                    errors.Add("action", "Møtet saken er meldt til, finnes ikke lenger. Flytt saken til et annet møte.");
                    break;
            }
        }

        var model = await Model(id, errors, actionText, reason, null, meetings, cases, agendas, edits, clock, ct);
        return Pages.Render<CasePage>(new { Model = model! }, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ShowEdit(string id, CaseStore cases, CancellationToken ct) =>
        await cases.Find(id, ct) is { } found
            ? Pages.Render<CaseEditPage>(new { Case = found, Change = new CaseTextChange(found.Title, found.Kind, found.From, found.Content.Summary, found.Content.Background, found.Content.Assessment, found.ProposedDecision) })
            : NotFound(id);

    private static async Task<IResult> Edit(string id, IFormCollection form, ClaimsPrincipal user, CaseEdits edits, CaseStore cases, AuditTrail audit, CancellationToken ct)
    {
        var change = new CaseTextChange(form[CaseSubmissionInput.Fields.Title], EnumText.TryParse<CaseKind>(form[CaseSubmissionInput.Fields.Kind].ToString(), out var kind) ? kind : CaseKind.Decision,
            form[CaseSubmissionInput.Fields.From], form[CaseSubmissionInput.Fields.Summary], form[CaseSubmissionInput.Fields.Background], form[CaseSubmissionInput.Fields.Assessment],
            (form[CaseSubmissionInput.Fields.ProposedDecision].ToString() ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return await edits.Edit(id, change, WorkspaceUser.Name(user), ct) switch
        {
            CaseEdits.Result.Saved => await WorkspaceResults.Done(user, audit, "Endret sakens tekst", id, "", WorkspacePaths.Case(id), "endret", ct),
            CaseEdits.Result.Invalid invalid when await cases.Find(id, ct) is { } found =>
                Pages.Render<CaseEditPage>(new { Case = found, Change = change, Errors = invalid.Errors }, StatusCodes.Status400BadRequest),
            _ => NotFound(id),
        };
    }

    private static async Task<IResult> Paper(string id, MeetingPapers papers, CancellationToken ct) =>
        await papers.CasePaper(id, ct) is { } document
            ? Results.File(document.Content, "application/pdf", $"saksfremlegg-{id}.pdf")
            : NotFound(id);

    private static async Task<IResult> Attachment(string id, int index, CaseStore cases, StorageClients storage, CancellationToken ct)
    {
        var attachment = (await cases.Find(id, ct))?.Attachments.FirstOrDefault(a => a.Index == index);
        if (attachment is null)
        {
            return NotFound(id);
        }

        var blob = (await storage.Container(StorageNames.AttachmentsContainer)).GetBlobClient(attachment.BlobName);
        return Results.Stream(await blob.OpenReadAsync(cancellationToken: ct), attachment.ContentType, attachment.FileName);
    }

    private static IResult NotFound(string id) =>
        Pages.Message("Fant ikke saken", "Fant ikke saken", $"Det finnes ingen sak med referansen «{id}».", StatusCodes.Status404NotFound, error: true, linkUrl: WorkspacePaths.Cases(), linkText: "Til sakene");
}
