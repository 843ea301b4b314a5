using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Microsoft.Extensions.Primitives;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>
/// The Møtet form, field by field: who was present (ticked), and per case its result, decision (prefilled
/// with the proposal), discussion, additional information, the votes when not unanimous and whether a
/// discussion case comes back as a decision case. Read into the same input as the API's.
/// </summary>
public static class OutcomeForm
{
    public const string Present = "present";
    public const string SecretariatReport = "secretariatReport";
    public const string AnyOtherBusiness = "anyOtherBusiness";
    public const string ApprovalRemark = "approvalRemark";

    public static string Result(string caseId) => $"result-{caseId}";

    public static string Decision(string caseId) => $"decision-{caseId}";

    public static string Discussion(string caseId) => $"discussion-{caseId}";

    public static string Additional(string caseId) => $"additional-{caseId}";

    public static string Spawn(string caseId) => $"spawn-{caseId}";

    public static string Vote(string caseId, string memberId) => $"vote-{caseId}-{memberId}";

    /// <summary>Why the meeting treated a case whose papers had not gone out in advance.</summary>
    public static string UnannouncedReason(string caseId) => $"unannounced-{caseId}";

    /// <summary>Those who left the case as disqualified (one value per member).</summary>
    public static string Disqualified(string caseId) => $"disqualified-{caseId}";

    /// <summary>Those with a vote who objected to treating it (one value per member).</summary>
    public static string Objection(string caseId) => $"objection-{caseId}";

    /// <summary>The results a case of this kind can have at a meeting, with their words on the screen.</summary>
    public static IReadOnlyList<(ItemResult Result, string Label)> ResultsFor(CaseKind kind, DecisionRule rule) => rule == DecisionRule.None
        ? [(ItemResult.Discussed, "Drøftet"), (ItemResult.TakenAsInformation, "Tatt til orientering"), (ItemResult.Postponed, "Utsatt")]
        : kind switch
        {
            CaseKind.Decision => [(ItemResult.Adopted, "Vedtatt"), (ItemResult.NotAdopted, "Ikke vedtatt (forslaget ble stemt ned; før stemmene)"), (ItemResult.Postponed, "Utsatt til neste møte"), (ItemResult.Returned, "Sendt tilbake til sekretariatet")],
            CaseKind.Discussion => [(ItemResult.Discussed, "Drøftet"), (ItemResult.Postponed, "Utsatt til neste møte"), (ItemResult.Returned, "Sendt tilbake til sekretariatet")],
            _ => [(ItemResult.TakenAsInformation, "Tatt til orientering"), (ItemResult.Postponed, "Utsatt til neste møte")],
        };

    public static OutcomeRecording.OutcomeInput Read(IReadOnlyDictionary<string, StringValues> form, MeetingAgenda agenda, IReadOnlyList<Member> roster)
    {
        var items = agenda.Cases.Select(c =>
        {
            var votes = roster
                .Select(m => (m.Id, Value: form.TryGetValue(Vote(c.Id, m.Id), out var v) ? v.ToString() : ""))
                .Where(v => EnumText.TryParse<Minutes.Vote>(v.Value, out _))
                .Select(v => new CastVote(v.Id, Enum.Parse<Minutes.Vote>(v.Value, ignoreCase: true)))
                .ToList();
            return new OutcomeRecording.ItemInput(
                c.Id,
                EnumText.TryParse<ItemResult>(Value(form, Result(c.Id)) ?? "", out var result) ? result : null,
                Value(form, Decision(c.Id)),
                votes,
                Value(form, Spawn(c.Id)) == "true",
                Value(form, Discussion(c.Id)),
                Value(form, Additional(c.Id)),
                Unannounced(form, c.Id),
                form.TryGetValue(Disqualified(c.Id), out var d) ? d.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : null);
        }).ToList();
        var present = form.TryGetValue(Present, out var ticked) ? ticked.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];
        return new OutcomeRecording.OutcomeInput(present, items, Value(form, AnyOtherBusiness), Value(form, SecretariatReport), Value(form, ApprovalRemark));
    }

    /// <summary>
    /// Who is ticked before anything was recorded: every member who has not reported absence, and the
    /// deputies summoned in their place ("all present until the clerk marks the absent").
    /// </summary>
    public static IReadOnlySet<string> DefaultPresent(IReadOnlyList<Member> roster, IReadOnlyList<Cycle.Absence> absences)
    {
        var absent = absences.Select(a => a.MemberId).ToHashSet();
        var standIns = absences.Where(a => a.StandInId is not null).Select(a => a.StandInId!).ToHashSet();
        return roster.Where(m => (m.Role == MemberRole.Member && !absent.Contains(m.Id)) || standIns.Contains(m.Id)).Select(m => m.Id).ToHashSet();
    }

    /// <summary>The meeting's agreement to treat a case not sent out in advance, when the form gives a reason or an objection.</summary>
    private static OutcomeRecording.UnannouncedInput? Unannounced(IReadOnlyDictionary<string, StringValues> form, string caseId)
    {
        var objections = form.TryGetValue(Objection(caseId), out var o) ? o.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : [];
        var reason = Value(form, UnannouncedReason(caseId));
        return reason is null && objections.Count == 0 ? null : new OutcomeRecording.UnannouncedInput(reason, objections);
    }

    private static string? Value(IReadOnlyDictionary<string, StringValues> form, string key) =>
        form.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString() : null;
}
