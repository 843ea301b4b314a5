using System.Security.Claims;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Møtet: the cycle, the absences, and the meeting's outcome recorded on one form (attendance, each case).</summary>
public static partial class MeetingScreen
{
    /// <param name="Input">What the form shows: the recorded outcome, what was just posted, or the defaults.</param>
    /// <param name="NotYet">Why the outcome cannot be recorded yet, or null.</param>
    /// <param name="Unannounced">When the papers did not go out in advance: what is missing (a decision then needs the meeting's agreement); else null.</param>
    /// <param name="Declared">Disqualification declared ahead through the members' personal links.</param>
    /// <param name="Approved">When the minutes are approved, by whom and when: the form then records a correction (a new version), with <paramref name="CorrectionReason"/>.</param>
    public sealed record Model(MeetingAgenda Agenda, IReadOnlyList<Member> Roster, IReadOnlyList<Absence> Absences, IReadOnlyList<TimelineStep> Steps,
        IReadOnlyList<string> Warnings, OutcomeRecording.OutcomeInput Input, ValidationErrors Errors, string? NotYet, string? Notice, bool Recorded, string? Unannounced = null,
        IReadOnlyList<DisqualificationNotice>? Declared = null, string? Approved = null, string? CorrectionReason = null)
    {
        /// <summary>Who declared themselves disqualified for a case ahead, and on what grounds.</summary>
        public IReadOnlyList<DisqualificationNotice> DeclaredFor(string caseId) => (Declared ?? []).Where(n => n.CaseId == caseId).ToList();

        public IReadOnlySet<string> Present => (Input.Present ?? []).ToHashSet();

        public OutcomeRecording.ItemInput? Item(string caseId) => Input.Items?.FirstOrDefault(i => i.Case == caseId);
    }

    public static void MapMeetingScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("moter/{id}", Show);
        screens.MapPost("moter/{id}", Record);
        screens.MapPost("moter/{id}/rettelse", Correct);
    }

    public static IResult NotFound(string id) =>
        Pages.Message("Fant ikke møtet", "Fant ikke møtet", $"Det finnes ikke noe møte «{id}».", StatusCodes.Status404NotFound, error: true, linkUrl: WorkspaceAuth.Root, linkText: "Til oversikten");

    private static async Task<IResult> Show(string id, string? utfort, MeetingData data, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await data.Load(meetingId, null, new ValidationErrors(), WorkspaceResults.Notice(utfort), ct) is { } model
            ? Pages.Render<MeetingPage>(new { Model = model })
            : NotFound(id);

    private static async Task<IResult> Record(string id, IFormCollection form, ClaimsPrincipal user, MeetingData data, OutcomeRecording recording, AuditTrail audit, CancellationToken ct)
    {
        if (!MeetingId.TryParse(id, out var meetingId) || await data.Load(meetingId, null, new ValidationErrors(), null, ct) is not { } model)
        {
            return NotFound(id);
        }

        var input = OutcomeForm.Read(form.ToDictionary(f => f.Key, f => f.Value), model.Agenda, model.Roster);
        var result = await recording.Record(meetingId, input, ct);
        if (result is OutcomeRecording.Result.Recorded recorded)
        {
            return await WorkspaceResults.Done(user, audit, "Registrerte møtet", id, Detail(recorded.Outcome), WorkspacePaths.Meeting(meetingId), "registrert", ct);
        }

        return Pages.Render<MeetingPage>(new { Model = (await data.Load(meetingId, input, FormErrors(result, input, model), null, ct))! }, StatusCodes.Status400BadRequest);
    }

    /// <summary>What the audit trail keeps of a recorded outcome.</summary>
    public static string Detail(MeetingOutcome outcome) =>
        $"{outcome.Present.Count} til stede; " + string.Join("; ", outcome.Items.Select(i => $"{i.CaseId}: {i.Result}"));

    /// <summary>An outcome refused, as the form's errors: an item's under its case, the rest under attendance (or the correction's reason).</summary>
    public static ValidationErrors FormErrors(OutcomeRecording.Result result, OutcomeRecording.OutcomeInput input, Model model)
    {
        var errors = new ValidationErrors();
        switch (result)
        {
            case OutcomeRecording.Result.Invalid invalid:
                var cases = (input.Items ?? []).Select(i => i.Case!).ToList();
                return invalid.Errors.Renamed(field => ItemField().Match(field) is { Success: true } m ? $"case-{cases[int.Parse(m.Groups[1].Value)]}" : field == "reason" ? "reason" : "present");
            case OutcomeRecording.Result.Approved approved:
                errors.Add("present", approved.Message + " Last siden på nytt for å rette referatet.");
                break;
            case OutcomeRecording.Result.NotApproved notApproved:
                errors.Add("present", notApproved.Message);
                break;
            default:
                errors.Add("present", model.NotYet ?? "Utfallet kan ikke registreres nå.");
                break;
        }

        return errors;
    }

    [GeneratedRegex(@"^items\[(\d+)\]")]
    private static partial Regex ItemField();
}

/// <summary>What the Møtet screen shows, read from the stores.</summary>
public sealed class MeetingData(AgendaService agendas, MeetingStore meetings, Absences absences, CycleStatus cycles, MinutesStore minutes, DisqualificationNotices disqualifications, TimeProvider clock)
{
    public async Task<MeetingScreen.Model?> Load(MeetingId id, OutcomeRecording.OutcomeInput? posted, ValidationErrors errors, string? notice, CancellationToken ct, string? correctionReason = null)
    {
        var agenda = await agendas.Agenda(id, ct);
        if (agenda is null)
        {
            return null;
        }

        var roster = await meetings.Roster(agenda.Meeting, ct);
        var absent = await absences.For(id, ct);
        var cycle = await cycles.For(id, ct);
        var now = clock.GetUtcNow();
        var steps = cycle?.Steps.Select(s => new TimelineStep(s.Label, s.PlannedAt, s.DoneAt, Overview.StateOf(s, now), s.Outcome)).ToList() ?? [];
        var state = await minutes.Get(id, ct);
        var recorded = state.Outcome;
        var declared = await disqualifications.For(id, ct);
        var input = posted ?? (recorded is not null ? FromOutcome(recorded) : Defaults(agenda, roster, absent, declared));
        var approved = state.ApprovedAt is { } approvedAt ? ApprovedRecord.Message(approvedAt, state.ApprovedBy) : null;
        var notYet = approved is not null
            ? null
            : !agenda.State.Frozen
                ? "Sakslisten er ikke fastsatt og sendt ut; utvalget kan ikke fatte vedtak før det."
                : now < Oslo.At(agenda.Meeting.Date, agenda.Meeting.Start)
                    ? $"Møtet begynner {Norwegian.LongDate(agenda.Meeting.Date)} kl. {Norwegian.Time(agenda.Meeting.Start)}. Oppmøte og vedtak kan registreres fra da."
                    : null;
        var summons = cycle?.Steps.FirstOrDefault(s => s.Step == nameof(Cycle.CycleStep.Summons));
        var papers = AnnouncementRules.Papers(summons is { Status: Cycle.StepStatus.Done } ? summons.DoneAt : null, agenda.Meeting, agenda.Body.Rules);
        var unannounced = papers == PapersOut.InTime ? null : AnnouncementRules.Missing(papers, agenda.Body.Rules.NoticeDays);
        return new MeetingScreen.Model(agenda, roster, absent, steps, cycle?.Warnings ?? [], input, errors, notYet, notice, recorded is not null, unannounced, declared, approved, correctionReason);
    }

    private static OutcomeRecording.OutcomeInput FromOutcome(MeetingOutcome outcome) => new(
        outcome.Present,
        outcome.Items.Select(i => new OutcomeRecording.ItemInput(i.CaseId, i.Result == ItemResult.AdoptedWithChanges ? ItemResult.Adopted : i.Result, i.Decision, i.Votes,
            i.DecisionCaseId is not null, i.Discussion, i.AdditionalInformation,
            i.Unannounced is { } u ? new OutcomeRecording.UnannouncedInput(u.Reason, u.Objections) : null, i.Disqualified)).ToList(),
        outcome.AnyOtherBusiness,
        outcome.SecretariatReport,
        outcome.ApprovalRemark);

    /// <summary>Before anything is recorded: those without absence present, each proposal as the decision, and those who declared themselves disqualified ticked.</summary>
    private static OutcomeRecording.OutcomeInput Defaults(MeetingAgenda agenda, IReadOnlyList<Member> roster, IReadOnlyList<Absence> absent, IReadOnlyList<DisqualificationNotice> declared)
    {
        var byCase = DisqualificationNotices.ByCase(declared);
        return new(
            OutcomeForm.DefaultPresent(roster, absent).ToList(),
            agenda.Cases.Select(c => new OutcomeRecording.ItemInput(c.Id, null, MeetingRules.DefaultDecision(c.ProposedDecision), [], Disqualified: byCase.GetValueOrDefault(c.Id))).ToList(),
            null,
            null);
    }
}
