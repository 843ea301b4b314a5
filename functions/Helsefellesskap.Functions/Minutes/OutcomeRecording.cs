using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// Records what happened at a meeting under the statutes' rules (<see cref="MeetingRules"/>): stand-ins,
/// quorum and consensus are computed; a case without consensus goes back to the secretariat; a
/// discussion case can come back as its decision case at the next meeting. Nothing is stored unless
/// the whole outcome is valid.
/// </summary>
public sealed partial class OutcomeRecording(
    MinutesStore store,
    MeetingStore meetings,
    AgendaService agendas,
    CaseStore cases,
    CaseReferences references,
    IMeetingCycle cycle,
    DisqualificationNotices disqualifications,
    IOptions<CommunityOptions> community,
    TimeProvider clock)
{
    /// <param name="Decision">The decision as adopted; when it differs from the proposal it is minuted as a proposal changed at the meeting.</param>
    /// <param name="SpawnDecisionCase">A discussion case that is to come back as a decision case at a later meeting.</param>
    /// <param name="Discussion">What was said, as minuted ("Behandling i møtet").</param>
    /// <param name="AdditionalInformation">Information a party added at the meeting ("Tilleggsinformasjon").</param>
    /// <param name="Unannounced">The meeting agreed to treat the case although its papers had not gone out in advance.</param>
    /// <param name="Disqualified">Those present who left the case as disqualified (inhabile, forvaltningsloven § 6); null: those who declared it ahead and are present.</param>
    public sealed record ItemInput(string? Case, ItemResult? Result, string? Decision, IReadOnlyList<CastVote>? Votes, bool SpawnDecisionCase = false,
        string? Discussion = null, string? AdditionalInformation = null, UnannouncedInput? Unannounced = null, IReadOnlyList<string>? Disqualified = null);

    /// <param name="Reason">Why the meeting treated it.</param>
    /// <param name="Objections">The members and deputies with a vote who objected.</param>
    public sealed record UnannouncedInput(string? Reason, IReadOnlyList<string>? Objections);

    /// <param name="SecretariatReport">What the secretariat reported under "Orientering fra sekretariatet".</param>
    /// <param name="ApprovalRemark">A remark on the approval of the summons and agenda (item 1).</param>
    public sealed record OutcomeInput(IReadOnlyList<string>? Present, IReadOnlyList<ItemInput>? Items, string? AnyOtherBusiness, string? SecretariatReport = null, string? ApprovalRemark = null);

    public abstract record Result
    {
        public sealed record Recorded(MeetingOutcome Outcome) : Result;

        public sealed record NoMeeting(string Message) : Result;

        /// <summary>The agenda was never frozen and sent: the body cannot decide anything.</summary>
        public sealed record NotSummoned(string Message) : Result;

        /// <summary>The minutes are approved: the record no longer changes in place.</summary>
        public sealed record Approved(string Message) : Result;

        /// <summary>A correction of minutes not yet approved: the outcome is simply recorded again.</summary>
        public sealed record NotApproved(string Message) : Result;

        /// <summary>The meeting has not started: there is no outcome to record yet.</summary>
        public sealed record NotStarted(string Message) : Result;

        public sealed record Invalid(ValidationErrors Errors) : Result;
    }

    public Task<Result> Record(MeetingId meetingId, OutcomeInput input, CancellationToken ct) => Apply(meetingId, input, null, ct);

    /// <summary>
    /// A correction ("Rettelse") of approved minutes: the corrected outcome under the same rules, with why and by whom; the
    /// outcome as it stood is kept in the correction, and nothing is sent (the republication tells who needs to know).
    /// </summary>
    public Task<Result> Correct(MeetingId meetingId, OutcomeInput input, string? reason, string by, CancellationToken ct) =>
        Apply(meetingId, input, (reason, by), ct);

    private async Task<Result> Apply(MeetingId meetingId, OutcomeInput input, (string? Reason, string By)? correction, CancellationToken ct)
    {
        var agenda = await agendas.Agenda(meetingId, ct);
        if (agenda is null)
        {
            return new Result.NoMeeting($"Det finnes ikke noe møte «{meetingId}».");
        }

        if (!agenda.State.Frozen)
        {
            return new Result.NotSummoned("Møtet er ikke innkalt med fastsatt saksliste; utvalget kan ikke fatte vedtak.");
        }

        var state = await store.Get(meetingId, ct);
        if (correction is null && state is { ApprovedAt: { } approvedAt })
        {
            return new Result.Approved(ApprovedRecord.Message(approvedAt, state.ApprovedBy));
        }

        if (correction is not null && (state.ApprovedAt is null || state.Outcome is null))
        {
            return new Result.NotApproved("Referatet er ikke godkjent ennå. Rett møtet direkte (Lagre møtet / PUT …/outcome); en rettelse er for et godkjent referat.");
        }

        var start = Oslo.At(agenda.Meeting.Date, agenda.Meeting.Start);
        if (clock.GetUtcNow() < start)
        {
            return new Result.NotStarted($"Møtet begynner {Norwegian.LongDate(agenda.Meeting.Date)} kl. {Norwegian.Time(agenda.Meeting.Start)}; utfallet kan registreres fra da.");
        }

        var errors = new ValidationErrors();
        if (correction is { } asked && Text(asked.Reason) is null)
        {
            errors.Add("reason", "Skriv hvorfor referatet rettes. Begrunnelsen står i referatet, i publiseringen og i arkivet.");
        }

        var members = await meetings.Roster(agenda.Meeting, ct);
        var rules = agenda.Body.Rules;
        var byId = members.ToDictionary(m => m.Id);
        var present = (input.Present ?? []).ToHashSet();
        foreach (var unknown in present.Where(p => !byId.ContainsKey(p)))
        {
            errors.Add("present", $"«{unknown}» er ikke medlem eller vara i {agenda.Body.ShortName}.");
        }

        var standIns = MeetingRules.StandIns(members, present);
        var quorum = MeetingRules.HasQuorum(rules.Quorum, members, present, standIns);
        var voters = MeetingRules.Voters(members, present, standIns);
        var declared = DisqualificationNotices.ByCase(await disqualifications.For(meetingId, ct));
        var treatment = new Treatment(agenda.Body, byId, voters, quorum, members, present, Declared: declared);
        var papers = AnnouncementRules.Papers(await cycle.SummonsSentAt(meetingId, ct), agenda.Meeting, rules);
        var items = new List<ItemOutcome>();
        var spawn = new HashSet<string>();
        var onAgenda = agenda.Cases.ToDictionary(c => c.Id);
        foreach (var (item, i) in (input.Items ?? []).Select((x, i) => (x, i)))
        {
            var field = $"items[{i}]";
            if (item.Case is null || !onAgenda.TryGetValue(item.Case, out var c))
            {
                errors.Add(field, $"Sak «{item.Case}» stod ikke på sakslisten som ble sendt ut, og kan ikke få vedtak. Noter den under Eventuelt.");
                continue;
            }

            if (item.SpawnDecisionCase && c.Kind != CaseKind.Discussion)
            {
                errors.Add(field, $"Bare en drøftingssak kan gi en beslutningssak til et senere møte; «{c.Title}» er en {CaseLabels.Kind(c.Kind).ToLowerInvariant()}.");
            }

            var treated = Treat(item, field, c, Disqualification(item, field, c, treatment, errors), errors);
            if (treated is not null && papers != PapersOut.InTime && MeetingRules.IsAdoption(treated.Result))
            {
                // Decided although its papers did not go out in advance: only with the meeting's recorded agreement.
                treated = Unannounced(item, field, c, papers, treatment, errors) is { } agreed ? treated with { Unannounced = agreed } : null;
            }

            if (treated is not null)
            {
                items.Add(treated);
            }

            if (item.SpawnDecisionCase)
            {
                spawn.Add(c.Id);
            }
        }

        if (errors.Any)
        {
            return new Result.Invalid(errors);
        }

        var next = MeetingPlanRules.NextAfter(await meetings.Plan(agenda.Body.Code, ct), agenda.Meeting.Date);
        await SpawnDecisionCases(meetingId, agenda, items, spawn, next, ct);

        var outcome = new MeetingOutcome(present.Order().ToList(), standIns, quorum, items, Text(input.AnyOtherBusiness), Text(input.SecretariatReport), Text(input.ApprovalRemark));
        var now = clock.GetUtcNow();
        var stored = await store.Change(meetingId, s => correction is { } c
            ? s with
            {
                Outcome = outcome,
                Corrections = [.. s.AllCorrections, new MinutesCorrection(s.AllCorrections.Count + 2, now, c.By, Text(c.Reason)!, s.Outcome!)],
            }
            : s.ApprovedAt is null ? s with { Outcome = outcome } : s, ct);
        if (correction is null && stored.ApprovedAt is { } approvedMeanwhile)
        {
            // Approved by another request while this one was checking: the approved record stays as it was.
            return new Result.Approved(ApprovedRecord.Message(approvedMeanwhile, stored.ApprovedBy));
        }

        foreach (var item in items)
        {
            var c = onAgenda[item.CaseId];
            await cases.Update(item.Result is ItemResult.Returned or ItemResult.Postponed
                ? c with { Status = CaseStatus.Received, MeetingId = next?.Id.Value, MeetingDate = next?.Date, StatusReason = item.Result == ItemResult.Returned ? "Sendt tilbake til sekretariatet for ny behandling" : "Utsatt til neste møte" }
                : c with { Status = CaseStatus.Treated, StatusReason = null }, ct);
        }

        // The draft goes as soon as the outcome is recorded, from the meeting day on: a draft sent on the
        // meeting day leaves the 4 working days of approval inside the 7 days to publication. A correction sends nothing here.
        if (correction is null && Oslo.DateOf(now) >= agenda.Meeting.Date)
        {
            await cycle.DraftNow(agenda.Meeting.Id, ct);
        }

        return new Result.Recorded(outcome);
    }

    /// <summary>A discussion case comes back as its decision case: a new case, on the next meeting, with the same papers (once, however often the outcome is recorded).</summary>
    private async Task SpawnDecisionCases(MeetingId meetingId, MeetingAgenda agenda, List<ItemOutcome> items, HashSet<string> spawn, Meeting? next, CancellationToken ct)
    {
        var existing = (await store.Get(meetingId, ct)).Outcome?.Items.ToDictionary(i => i.CaseId, i => i.DecisionCaseId) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (!spawn.Contains(items[i].CaseId))
            {
                continue;
            }

            if (existing.GetValueOrDefault(items[i].CaseId) is { } already)
            {
                items[i] = items[i] with { DecisionCaseId = already };
                continue;
            }

            var discussion = agenda.Cases.First(c => c.Id == items[i].CaseId);
            var number = agenda.Items.First(x => x.CaseId == discussion.Id).Label;
            // Whoever claims the reference first decides the decision case's id (a racing recording skips
            // a number); everyone makes sure the case exists, so a claim whose owner died is completed.
            var id = await store.ClaimDecisionCase(meetingId, discussion.Id,
                await references.Next(community.Value.ReferencePrefix, Oslo.DateOf(clock.GetUtcNow()).Year, ct), ct);
            await cases.AddIfAbsent(discussion with
            {
                Id = id,
                Content = discussion.Content with { Kind = CaseKind.Decision },
                Status = CaseStatus.Received,
                MeetingId = next?.Id.Value,
                MeetingDate = next?.Date,
                ReceivedAt = clock.GetUtcNow(),
                StatusReason = $"Beslutningssak etter drøfting i sak {number}",
                Urgent = null,
            }, ct);

            items[i] = items[i] with { DecisionCaseId = id, Decision = $"{items[i].Decision}\n\nSaken legges fram som beslutningssak ({id}) på et senere møte." };
        }
    }
}
