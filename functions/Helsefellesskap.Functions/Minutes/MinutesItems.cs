using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// The items of the minutes in the words of the real ones (docs/rules.md): what each kind of case and
/// each result is called, what stands under which heading, and what a public reader may not see.
/// </summary>
public static class MinutesItems
{
    /// <summary>A standing item: the approval of the summons, the secretariat's report (with its files), Eventuelt.</summary>
    public static MinutesItemView Standing(AgendaItem item, MeetingOutcome outcome, DecisionRule rule, IReadOnlyList<FileView> files) => item.Title switch
    {
        AgendaRules.Approval => Approval(item, outcome, rule, files),
        AgendaRules.AnyOtherBusiness => View(item, item.Title, null, outcome.AnyOtherBusiness ?? "Ingen saker ble tatt opp.", files: files),
        _ => View(item, item.Title, null, outcome.SecretariatReport ?? "Sekretariatet orienterte.", files: files),
    };

    /// <summary>
    /// Item 1, the summons and agenda: approved ("Vedtak"), with the meeting's remark if it made one; a meeting without
    /// quorum approves nothing ("Ikke vedtaksført"); a body without decisions (the Dialogmøte) goes through them ("Drøftet").
    /// </summary>
    private static MinutesItemView Approval(AgendaItem item, MeetingOutcome outcome, DecisionRule rule, IReadOnlyList<FileView> files)
    {
        var remark = outcome.ApprovalRemark is { } r ? $"\n\nMerknad: {r}" : "";
        return rule == DecisionRule.None
            ? View(item, item.Title, "Drøftet", "Innkalling og saksliste ble gjennomgått." + remark, files: files)
            : !outcome.Quorum
                ? View(item, item.Title, "Ikke vedtaksført", "Møtet var ikke vedtaksført, og innkalling og saksliste ble ikke godkjent." + remark, files: files)
                : View(item, item.Title, "Vedtak", (outcome.ApprovalRemark is null ? "Innkalling og saksliste godkjennes." : "Innkalling og saksliste godkjennes med merknad.") + remark, files: files);
    }

    /// <summary>A case. <paramref name="hidden"/>: an exempt case in a version for readers not entitled to it.</summary>
    /// <param name="c">The case as the reader may see it (its public version in a public copy).</param>
    public static MinutesItemView Case(AgendaItem item, CaseRecord c, ItemOutcome? o, bool hidden, Func<string, Member?> member, IReadOnlyList<FileView> files, Body body)
    {
        var exempt = c.Exemption?.LegalBasis;
        if (hidden)
        {
            return View(item, c.PublicTitle, "Vedtak", "Vedtaket er unntatt offentlighet.", kind: c.Kind, exempt: exempt) with { Paper = Paper(item, c, body) };
        }

        var proposal = c.ProposedDecision;
        if (o is null)
        {
            return View(item, c.Title, "Utfall", "Saken ble ikke behandlet.", kind: c.Kind, exempt: exempt, proposal: proposal, files: files, urgent: c.Urgent) with { Paper = Paper(item, c, body) };
        }

        var (heading, result) = Words(c.Kind, o);
        var votes = o.Votes.All(v => v.Vote == Minutes.Vote.For) ? [] : o.Votes.Select(v => VoteView(member(v.MemberId), v)).ToList();
        return View(item, c.Title, heading, o.Decision, kind: c.Kind, exempt: exempt, proposal: proposal,
            amended: o.AmendedProposal, discussion: o.Discussion, result: result == o.Decision ? null : result,
            votes: votes, voteSummary: votes.Count == 0 ? null : Summary(o.Votes, member), additional: o.AdditionalInformation, files: files,
            unannounced: o.Unannounced is { } u ? AnnouncementRules.Account(u, id => member(id)?.Name ?? id) : null, urgent: c.Urgent)
            with { Paper = Paper(item, c, body), Disqualified = Disqualified(o, member) };
    }

    /// <summary>"Kari Nordli fratrådte som inhabil, jf. forvaltningsloven § 6." (the case was treated without them).</summary>
    public static string? Disqualified(ItemOutcome o, Func<string, Member?> member)
    {
        if (o.Disqualified is not { Count: > 0 } disqualified)
        {
            return null;
        }

        var names = disqualified.Select(id => member(id)?.Name ?? id).ToList();
        var list = names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} og {names[^1]}";
        return $"{list} fratrådte som inhabil{(names.Count > 1 ? "e" : "")}, jf. forvaltningsloven § 6.";
    }

    /// <summary>The case's paper as the minutes repeat it: "Til", "Fra", "Sak 2-2027", and its sections that have text.</summary>
    private static CasePaperView Paper(AgendaItem item, CaseRecord c, Body body)
    {
        static string? Section(string text) => string.IsNullOrWhiteSpace(text) ? null : text;
        return new CasePaperView($"{body.Name} ({body.ShortName})", c.From, $"Sak {item.Number}-{item.Year}", Section(c.Content.Summary), Section(c.Content.Background), Section(c.Content.Assessment));
    }

    /// <summary>The heading over the minuted text and the result in words, by kind and result.</summary>
    public static (string Heading, string? Result) Words(CaseKind kind, ItemOutcome o) => o.Result switch
    {
        ItemResult.Returned or ItemResult.Postponed => ("Utfall", null),
        ItemResult.Discussed => ("Drøfting", "Saken ble drøftet."),
        ItemResult.NotAdopted => ("Vedtak", "Ikke vedtatt."),
        // As the real minutes write it: "Vedtak: Saken tas til orientering."
        ItemResult.TakenAsInformation => ("Vedtak", "Saken tas til orientering."),
        _ when kind == CaseKind.Information => ("Vedtak", "Saken tas til orientering."),
        _ when kind == CaseKind.Discussion => ("Konklusjon", "Saken ble drøftet."),
        ItemResult.AdoptedWithChanges => ("Vedtak", o.AmendedProposal is null ? "Vedtatt med endringer." : "Forslaget til nytt vedtak ble vedtatt."),
        _ => ("Vedtak", "Vedtatt som foreslått."),
    };

    /// <summary>The votes per party in words: "Kommunene: 7 for, 0 mot. Helseforetaket: 1 for, 3 mot, 1 avstår."</summary>
    public static string Summary(IReadOnlyList<CastVote> votes, Func<string, Member?> member) =>
        string.Join(" ", new[] { (Party.Municipalities, "Kommunene"), (Party.Hospital, "Helseforetaket") }.Select(p =>
        {
            var cast = votes.Where(v => member(v.MemberId)?.Party == p.Item1).ToList();
            var abstained = cast.Count(v => v.Vote == Minutes.Vote.Abstain);
            return $"{p.Item2}: {cast.Count(v => v.Vote == Minutes.Vote.For)} for, {cast.Count(v => v.Vote == Minutes.Vote.Against)} mot{(abstained > 0 ? $", {abstained} avstår" : "")}.";
        }));

    private static VoteView VoteView(Member? m, CastVote v) =>
        new(m?.Name ?? v.MemberId, m?.Party == Party.Hospital ? "Helseforetaket" : "Kommunene", v.Vote switch { Minutes.Vote.For => "For", Minutes.Vote.Against => "Mot", _ => "Avstår" });

    private static MinutesItemView View(AgendaItem item, string title, string? heading, string text, CaseKind? kind = null, string? exempt = null, IReadOnlyList<string>? proposal = null,
        string? amended = null, string? discussion = null, string? result = null, IReadOnlyList<VoteView>? votes = null, string? voteSummary = null, string? additional = null,
        IReadOnlyList<FileView>? files = null, string? unannounced = null, string? urgent = null) =>
        new(item.Label, title, kind is { } k ? CaseLabels.Kind(k) : null, exempt, proposal ?? [], amended, discussion, heading, text, result, votes ?? [], voteSummary, additional, files ?? [], unannounced,
            urgent is null ? null : $"Hastesak etter saksfristen: {urgent}");

    /// <summary>How the minutes were approved, or for a draft until when changes may be asked for.</summary>
    public static string? Approval(MinutesState state, bool draft)
    {
        if (draft)
        {
            return state.ApprovalDeadline is { } deadline
                ? $"Utkastet er godkjent dersom ingen deltaker ber om endringer innen {Norwegian.LongDate(deadline)}."
                : null;
        }

        if (state.ApprovedAt is not { } at)
        {
            return null;
        }

        var date = Norwegian.ShortDate(Oslo.DateOf(at));
        return state.ApprovedBy == MinutesState.BySilence
            ? $"Godkjent {date} uten merknader."
            : state.ChangeRequests.Count > 0
                ? $"Godkjent av sekretariatet {date} etter merknader fra {Norwegian.Count(state.ChangeRequests.Select(r => r.MemberId).Distinct().Count(), "deltaker", "deltakere")}."
                : $"Godkjent av sekretariatet {date}.";
    }
}
