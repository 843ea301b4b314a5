using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Minutes;

public enum Vote
{
    For,
    Against,
    Abstain,
}

public sealed record CastVote(string MemberId, Vote Vote);

/// <summary>The statutes' rules for a meeting's decisions (docs/rules.md), computed, never typed in.</summary>
public static class MeetingRules
{
    /// <summary>
    /// "Quorum: at least half of the members of each party present." A deputy present counts for the
    /// member they replace.
    /// </summary>
    public static bool HasQuorum(IReadOnlyList<Member> members, IReadOnlySet<string> present, IReadOnlyDictionary<string, string> standIns) =>
        HasQuorum(QuorumRule.HalfOfEachParty, members, present, standIns);

    /// <summary>
    /// Quorum by the body's rule: half of each party ("at least half of the members of each party
    /// present"), half of all members (an FSU), or none (a meeting that decides nothing).
    /// </summary>
    public static bool HasQuorum(QuorumRule rule, IReadOnlyList<Member> members, IReadOnlySet<string> present, IReadOnlyDictionary<string, string> standIns)
    {
        bool Filled(Member m) => present.Contains(m.Id) || standIns.Any(s => s.Value == m.Id && present.Contains(s.Key));
        bool Half(IReadOnlyList<Member> seats) => seats.Count > 0 && seats.Count(Filled) * 2 >= seats.Count;
        var all = members.Where(m => m.Role == MemberRole.Member).ToList();
        return rule switch
        {
            QuorumRule.HalfOfEachParty => Enum.GetValues<Party>().All(party => Half(all.Where(m => m.Party == party).ToList())),
            QuorumRule.HalfOfMembers => Half(all),
            _ => true,
        };
    }

    /// <summary>Why a meeting was not quorate, for the error and the minutes.</summary>
    public static string QuorumRequirement(QuorumRule rule) => rule switch
    {
        QuorumRule.HalfOfEachParty => "minst halvparten av hver part må være til stede",
        QuorumRule.HalfOfMembers => "minst halvparten av medlemmene må være til stede",
        _ => "ingen krav",
    };

    /// <summary>
    /// Whether the votes carry a proposal by the body's rule: a majority within each party (no votes
    /// recorded: unanimous), a simple majority of those voting, or never (a body that decides nothing).
    /// </summary>
    public static bool Carries(DecisionRule rule, IReadOnlyList<CastVote> votes, Func<string, Party?> partyOf) => rule switch
    {
        DecisionRule.MajorityInEachParty => HasConsensus(votes, partyOf),
        DecisionRule.SimpleMajority => votes.Count == 0 || votes.Count(v => v.Vote == Vote.For) > votes.Count(v => v.Vote == Vote.Against),
        _ => false,
    };

    /// <summary>What the minutes say when a proposal was not carried.</summary>
    public static string NotCarried(DecisionRule rule) => rule switch
    {
        DecisionRule.MajorityInEachParty => "Ikke konsensus",
        _ => "Ikke flertall",
    };

    /// <summary>What a body that decides nothing may record for an item: discussed, taken as information, postponed.</summary>
    public static bool AllowedWithoutDecisions(ItemResult result) => result is ItemResult.Discussed or ItemResult.TakenAsInformation or ItemResult.Postponed;

    /// <summary>
    /// "Deputies … vote only when their member is absent." A municipal deputy present stands in for their
    /// own member when that member is not present; a deputy on the hospital's ordered list stands in for
    /// the first absent hospital member nobody else stands in for. Deputy id → the member replaced.
    /// </summary>
    public static IReadOnlyDictionary<string, string> StandIns(IReadOnlyList<Member> members, IReadOnlySet<string> present)
    {
        var byId = members.ToDictionary(m => m.Id);
        var standIns = new Dictionary<string, string>();
        foreach (var deputy in present.Where(p => byId.TryGetValue(p, out var m) && m.Role == MemberRole.Deputy).Select(p => byId[p]))
        {
            var replaced = deputy.DeputyFor is { } personal && !present.Contains(personal)
                ? personal
                : members.Where(m => m.Role == MemberRole.Member && m.Party == deputy.Party && deputy.DeputyOrder is not null && !present.Contains(m.Id) && !standIns.ContainsValue(m.Id)).Select(m => m.Id).FirstOrDefault();
            if (replaced is not null)
            {
                standIns[deputy.Id] = replaced;
            }
        }

        return standIns;
    }

    /// <summary>Who may vote: the members present, and the deputies standing in for absent members.</summary>
    public static IReadOnlySet<string> Voters(IReadOnlyList<Member> members, IReadOnlySet<string> present, IReadOnlyDictionary<string, string> standIns) =>
        members.Where(m => present.Contains(m.Id) && (m.Role == MemberRole.Member || standIns.ContainsKey(m.Id))).Select(m => m.Id).ToHashSet();

    /// <summary>
    /// The result of an item: what the secretariat recorded, by default adopted (information cases: taken
    /// as information). "No consensus: the case goes back to the secretariat for new consideration."
    /// </summary>
    public static ItemResult Result(CaseKind kind, ItemResult? recorded, bool consensus)
    {
        var result = recorded ?? (kind == CaseKind.Information ? ItemResult.TakenAsInformation : ItemResult.Adopted);
        return !consensus && IsAdoption(result) ? ItemResult.Returned : result;
    }

    /// <summary>Adopted, with or without changes: what needs quorum and consensus.</summary>
    public static bool IsAdoption(ItemResult result) => result is ItemResult.Adopted or ItemResult.AdoptedWithChanges;

    /// <summary>The decision when none was written: the proposal, its points numbered.</summary>
    public static string DefaultDecision(IReadOnlyList<string> proposedDecision) =>
        string.Join("\n", proposedDecision.Select((p, n) => $"{n + 1}. {p}"));

    /// <summary>What is minuted when the secretariat wrote nothing: the proposal, or what happened to a case that had none.</summary>
    public static string DefaultText(CaseKind kind, ItemResult result, string proposal) => result switch
    {
        ItemResult.Postponed => "Saken ble utsatt til neste møte.",
        ItemResult.Returned => "Saken sendes tilbake til sekretariatet for ny behandling.",
        ItemResult.NotAdopted => "Forslaget til vedtak ble ikke vedtatt.",
        _ when proposal.Length > 0 => proposal,
        ItemResult.TakenAsInformation => "Saken tas til orientering.",
        _ when kind == CaseKind.Discussion || result == ItemResult.Discussed => "Saken ble drøftet.",
        _ => "Saken ble behandlet.",
    };

    /// <summary>Whether a decision written at the meeting is the proposal as it stood (spacing and line breaks aside).</summary>
    public static bool SameText(string a, string b) =>
        string.Join(' ', a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) == string.Join(' ', b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>How many of a party's seats are filled: "7 av 7".</summary>
    public static (int Filled, int Seats) Attendance(Party party, IReadOnlyList<Member> members, IReadOnlySet<string> present, IReadOnlyDictionary<string, string> standIns)
    {
        var seats = members.Where(m => m.Role == MemberRole.Member && m.Party == party).ToList();
        return (seats.Count(m => present.Contains(m.Id) || standIns.Any(s => s.Value == m.Id && present.Contains(s.Key))), seats.Count);
    }

    /// <summary>
    /// "Consensus: a majority of votes within both parties." No recorded votes means a unanimous
    /// decision. Abstentions are not votes cast.
    /// </summary>
    public static bool HasConsensus(IReadOnlyList<CastVote> votes, Func<string, Party?> partyOf)
    {
        if (votes.Count == 0)
        {
            return true;
        }

        return Enum.GetValues<Party>().All(party =>
        {
            var cast = votes.Where(v => partyOf(v.MemberId) == party && v.Vote != Vote.Abstain).ToList();
            return cast.Count > 0 && cast.Count(v => v.Vote == Vote.For) * 2 > cast.Count;
        });
    }

    /// <summary>
    /// The last working day on which the draft can be sent so that its approval window (4 working days)
    /// still ends by the publication deadline (T + 7 d). Null when no day after the meeting allows it
    /// (over Easter, say): the deadline cannot be met and the cycle warns at once.
    /// </summary>
    public static DateOnly? LatestDraftDay(Meeting meeting, BodyRules rules)
    {
        var deadline = meeting.Date.AddDays(rules.PublicationDays);
        for (var day = deadline; day >= meeting.Date; day = day.AddDays(-1))
        {
            if (WorkingDays.IsWorkingDay(day) && WorkingDays.After(day, rules.MinutesApprovalWorkingDays) <= deadline)
            {
                return day;
            }
        }

        return null;
    }
}
