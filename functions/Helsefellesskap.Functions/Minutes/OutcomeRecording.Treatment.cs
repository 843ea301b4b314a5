using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>Each item of an outcome treated by the body's rules, and a decision on papers not sent out in advance.</summary>
public sealed partial class OutcomeRecording
{
    /// <summary>What the meeting had when it treated an item: its body and rules, who was on the roster and present, who could vote, whether it had quorum, and who left it as disqualified.</summary>
    /// <param name="Declared">Who declared themselves disqualified ahead, by case id (<see cref="DisqualificationNotices"/>).</param>
    private sealed record Treatment(Body Body, IReadOnlyDictionary<string, Member> ById, IReadOnlySet<string> Voters, bool Quorum, IReadOnlyList<Member> Roster,
        IReadOnlySet<string> Present, IReadOnlyList<string>? Disqualified = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? Declared = null);

    /// <summary>
    /// "A member who is disqualified for a case (forvaltningsloven § 6) leaves it": the case is treated as if they were
    /// absent — their personal deputy, if present, steps in, and quorum and the votes are counted without them.
    /// </summary>
    private static Treatment Disqualification(ItemInput item, string field, CaseRecord c, Treatment t, ValidationErrors errors)
    {
        // Declared ahead, and no word from the meeting: those of them with a vote on the day leave the case.
        var declared = t.Declared?.GetValueOrDefault(c.Id)?.Where(t.Voters.Contains) ?? [];
        var disqualified = (item.Disqualified ?? declared).Distinct().ToList();
        if (disqualified.Count == 0)
        {
            return t;
        }

        foreach (var d in disqualified.Where(d => !t.Voters.Contains(d)))
        {
            errors.Add($"{field}.disqualified", $"«{d}» hadde ikke stemmerett i møtet og kan ikke fratre saken «{c.Title}» som inhabil.");
        }

        var present = t.Present.Except(disqualified).ToHashSet();
        var standIns = MeetingRules.StandIns(t.Roster, present);
        return t with
        {
            Voters = MeetingRules.Voters(t.Roster, present, standIns),
            Quorum = MeetingRules.HasQuorum(t.Body.Rules.Quorum, t.Roster, present, standIns),
            Disqualified = disqualified,
        };
    }

    /// <summary>
    /// One item of the outcome by the body's rules: its result (carried by the votes within each party, an amended
    /// proposal when the decision differs from the proposal, "ikke vedtaksført" refusing an adoption, a body without
    /// decisions only minuting the discussion), or null with the problems in <paramref name="errors"/>.
    /// </summary>
    private static ItemOutcome? Treat(ItemInput item, string field, CaseRecord c, Treatment t, ValidationErrors errors)
    {
        var votes = item.Votes ?? [];
        foreach (var v in votes.Where(v => !t.Voters.Contains(v.MemberId)))
        {
            errors.Add(field, $"{(t.ById.TryGetValue(v.MemberId, out var voter) ? $"{voter.Name} ({v.MemberId})" : $"«{v.MemberId}»")} hadde ikke stemmerett i saken «{c.Title}» (ikke til stede, eller vara uten å møte for et medlem).");
        }

        if (t.Body.Rules.Decision == DecisionRule.None)
        {
            // "No decisions – the discussion is minuted."
            if (item.Result is { } asked && !MeetingRules.AllowedWithoutDecisions(asked) || votes.Count > 0 || item.SpawnDecisionCase)
            {
                errors.Add($"{field}.result", $"{t.Body.Name} fatter ikke vedtak. Registrer saken som drøftet («discussed»), tatt til orientering eller utsatt, og skriv drøftingen i «decision».");
                return null;
            }

            var discussion = string.IsNullOrWhiteSpace(item.Decision) ? "Saken ble drøftet." : item.Decision;
            return new ItemOutcome(c.Id, item.Result ?? ItemResult.Discussed, discussion, [], false, Discussion: Text(item.Discussion), AdditionalInformation: Text(item.AdditionalInformation),
                Disqualified: t.Disqualified);
        }

        var carried = MeetingRules.Carries(t.Body.Rules.Decision, votes, id => t.ById.TryGetValue(id, out var m) ? m.Party : null);
        var result = MeetingRules.Result(c.Kind, item.Result, carried);
        if (!t.Quorum && (MeetingRules.IsAdoption(result) || result == ItemResult.NotAdopted))
        {
            errors.Add(field, $"Utvalget var ikke vedtaksført ({MeetingRules.QuorumRequirement(t.Body.Rules.Quorum)}), så saken kan ikke vedtas eller stemmes ned.");
        }

        if (result == ItemResult.NotAdopted && (votes.Count == 0 || carried))
        {
            // "When a vote is not unanimous, the minutes record how each member voted": a proposal voted down has its votes.
            errors.Add(field, votes.Count == 0
                ? $"Registrer stemmene når forslaget i saken «{c.Title}» ikke ble vedtatt; referatet viser hvordan hver enkelt stemte."
                : $"Stemmene gir flertall for forslaget i saken «{c.Title}»; det kan ikke føres som ikke vedtatt.");
        }

        var proposal = MeetingRules.DefaultDecision(c.ProposedDecision);
        // A proposal voted down is not the decision, even when the form still holds its text.
        var written = Text(item.Decision) is { } w && !(result == ItemResult.NotAdopted && MeetingRules.SameText(w, proposal)) ? w : null;
        var decision = written ?? MeetingRules.DefaultText(c.Kind, result, proposal);
        var amended = MeetingRules.IsAdoption(result) && c.Kind == CaseKind.Decision && Text(item.Decision) is { } changed && !MeetingRules.SameText(changed, proposal) ? changed : null;
        if (amended is not null && result == ItemResult.Adopted)
        {
            result = ItemResult.AdoptedWithChanges;
        }

        // A case not carried is not decided: the minutes say so, and the proposal stays a proposal.
        var minuted = result == ItemResult.Returned && !carried ? $"{MeetingRules.NotCarried(t.Body.Rules.Decision)}. Saken sendes tilbake til sekretariatet for ny behandling." : decision;
        return new ItemOutcome(c.Id, result, minuted, votes, carried, AmendedProposal: amended, Discussion: Text(item.Discussion), AdditionalInformation: Text(item.AdditionalInformation),
            Disqualified: t.Disqualified);
    }

    /// <summary>
    /// A decision in a case whose papers did not go out in advance: only when the meeting agreed to treat it, with a
    /// reason, and fewer than a third of those with a vote objected (<see cref="AnnouncementRules"/>); else null, with the problem.
    /// </summary>
    private static UnannouncedTreatment? Unannounced(ItemInput item, string field, CaseRecord c, PapersOut papers, Treatment t, ValidationErrors errors)
    {
        var missing = AnnouncementRules.Missing(papers, t.Body.Rules.NoticeDays);
        if (item.Unannounced is not { } agreed)
        {
            errors.Add(field, $"{missing}, så saken «{c.Title}» kan ikke få vedtak. Utsett saken eller send den tilbake, eller registrer at møtet vedtok å behandle den likevel («unannounced» med begrunnelse og hvem som motsatte seg).");
            return null;
        }

        var reason = Text(agreed.Reason);
        if (reason is null)
        {
            errors.Add($"{field}.unannounced.reason", $"Skriv hvorfor møtet behandlet saken «{c.Title}» selv om den ikke var sendt ut på forhånd ({missing.ToLowerInvariant()}).");
        }

        var objections = (agreed.Objections ?? []).Distinct().ToList();
        foreach (var o in objections.Where(o => !t.Voters.Contains(o)))
        {
            errors.Add($"{field}.unannounced.objections", $"«{o}» hadde ikke stemmerett i møtet og kan ikke stå som en som motsatte seg behandlingen.");
        }

        if (!AnnouncementRules.MayTreat(t.Voters.Count, objections.Count))
        {
            errors.Add($"{field}.unannounced.objections", $"{objections.Count} av {t.Voters.Count} stemmeberettigede motsatte seg behandlingen, så saken «{c.Title}» kan ikke få vedtak. {AnnouncementRules.Rule}.");
        }

        return reason is null || !AnnouncementRules.MayTreat(t.Voters.Count, objections.Count) || objections.Any(o => !t.Voters.Contains(o))
            ? null
            : new UnannouncedTreatment(reason, objections);
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
