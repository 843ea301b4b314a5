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
    public sealed record Model(MeetingAgenda Agenda, IReadOnlyList<Member> Roster, IReadOnlyList<Absence> Absences, IReadOnlyList<TimelineStep> Steps,
        IReadOnlyList<string> Warnings, OutcomeRecording.OutcomeInput Input, ValidationErrors Errors, string? NotYet, string? Notice, bool Recorded, string? Unannounced = null,
        IReadOnlyList<DisqualificationNotice>? Declared = null)
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
        var errors = new ValidationErrors();
        switch (await recording.Record(meetingId, input, ct))
        {
            case OutcomeRecording.Result.Recorded recorded:
                var detail = $"{recorded.Outcome.Present.Count} til stede; " + string.Join("; ", recorded.Outcome.Items.Select(i => $"{i.CaseId}: {i.Result}"));
                return await WorkspaceResults.Done(user, audit, "Registrerte møtet", id, detail, WorkspacePaths.Meeting(meetingId), "registrert", ct);
            case OutcomeRecording.Result.Invalid invalid:
                var cases = (input.Items ?? []).Select(i => i.Case!).ToList();
                errors = invalid.Errors.Renamed(field => ItemField().Match(field) is { Success: true } m ? $"case-{cases[int.Parse(m.Groups[1].Value)]}" : "present");
                break;
            case OutcomeRecording.Result.Approved approved:
                errors.Add("present", approved.Message);
                break;
            case OutcomeRecording.Result.NotStarted or OutcomeRecording.Result.NotSummoned or OutcomeRecording.Result.NoMeeting:
                errors.Add("present", model.NotYet ?? "Utfallet kan ikke registreres nå.");
                break;
        }

        return Pages.Render<MeetingPage>(new { Model = (await data.Load(meetingId, input, errors, null, ct))! }, StatusCodes.Status400BadRequest);
    }

    [GeneratedRegex(@"^items\[(\d+)\]")]
    private static partial Regex ItemField();
}

/// <summary>What the Møtet screen shows, read from the stores.</summary>
public sealed class MeetingData(AgendaService agendas, MeetingStore meetings, Absences absences, CycleStatus cycles, MinutesStore minutes, DisqualificationNotices disqualifications, TimeProvider clock)
{
    public async Task<MeetingScreen.Model?> Load(MeetingId id, OutcomeRecording.OutcomeInput? posted, ValidationErrors errors, string? notice, CancellationToken ct)
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
        var notYet = state.ApprovedAt is { } approvedAt
            ? ApprovedRecord.Message(approvedAt, state.ApprovedBy)
            : !agenda.State.Frozen
                ? "Sakslisten er ikke fastsatt og sendt ut; utvalget kan ikke fatte vedtak før det."
                : now < Oslo.At(agenda.Meeting.Date, agenda.Meeting.Start)
                    ? $"Møtet begynner {Norwegian.LongDate(agenda.Meeting.Date)} kl. {Norwegian.Time(agenda.Meeting.Start)}. Oppmøte og vedtak kan registreres fra da."
                    : null;
        var summons = cycle?.Steps.FirstOrDefault(s => s.Step == nameof(Cycle.CycleStep.Summons));
        var papers = AnnouncementRules.Papers(summons is { Status: Cycle.StepStatus.Done } ? summons.DoneAt : null, agenda.Meeting, agenda.Body.Rules);
        var unannounced = papers == PapersOut.InTime ? null : AnnouncementRules.Missing(papers, agenda.Body.Rules.NoticeDays);
        return new MeetingScreen.Model(agenda, roster, absent, steps, cycle?.Warnings ?? [], input, errors, notYet, notice, recorded is not null, unannounced, declared);
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
    private static OutcomeRecording.OutcomeInput Defaults(MeetingAgenda agenda, IReadOnlyList<Member> roster, IReadOnlyList<Absence> absent, IReadOnlyList<DisqualificationNotice> declared) => new(
        OutcomeForm.DefaultPresent(roster, absent).ToList(),
        agenda.Cases.Select(c => new OutcomeRecording.ItemInput(c.Id, null, MeetingRules.DefaultDecision(c.ProposedDecision), [],
            Disqualified: DisqualificationNotices.ByCase(declared).GetValueOrDefault(c.Id))).ToList(),
        null,
        null);
}
