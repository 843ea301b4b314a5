using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Compliance;

/// <summary>
/// The compliance timeline (etterlevelse): every requirement of the body's rules for one meeting as a row,
/// computed from what was recorded (docs/rules.md). Pure: the same facts and time give the same rows.
/// </summary>
public static partial class ComplianceRules
{

    public static IReadOnlyList<ComplianceRow> Rows(MeetingFacts f, DateTimeOffset now)
    {
        var rows = new List<ComplianceRow> { PlanAdopted(f.Meeting, f.Body) };
        if (f.Meeting.Status == MeetingStatus.Cancelled)
        {
            rows.Add(new("cancelled", "Møtet ble avlyst", null, null, null, ComplianceState.NotApplicable, "Møtet er avlyst; fristene for møtet gjelder ikke."));
            return rows;
        }

        var rules = f.Body.Rules;
        var date = f.Meeting.Date;
        var start = Oslo.At(date, f.Meeting.Start);

        // "A case must reach the secretariat no later than 21 days before the meeting", unless taken up as urgent.
        var caseDeadline = EndOf(CaseDeadline.LastDay(f.Meeting, rules));
        rows.AddRange(f.Cases.Select(c => CaseReceived(c, caseDeadline)));

        // "Summons, agenda and case papers go by email to members and deputies no later than 7 days before the meeting."
        var summonsDeadline = EndOf(date.AddDays(-rules.NoticeDays));
        var summoned = f.Roster.Where(m => m.Role is MemberRole.Member or MemberRole.Deputy).ToList();
        rows.AddRange(summoned.Select(m => Sent("summons", $"Innkalling, saksliste og sakspapirer minst {rules.NoticeDays} dager før møtet", Who(m, f.Roster),
            summonsDeadline, f.Summonses.GetValueOrDefault(m.Id), now)));

        // "Extraordinary meetings may be summoned with at least 7 days notice."
        rows.Add(ExtraordinaryNotice(f, summoned, now));

        // "A member reports absence …; the secretariat summons the deputy."
        rows.AddRange(f.Absences.Select(a => StandIn(a, f.Roster, start, now)));

        var outcome = f.Minutes.Outcome;
        rows.Add(Announced(f, outcome, start, now));
        rows.Add(Quorum(f, outcome, now));

        // The draft: "T (as soon as the outcome is recorded), at the latest T + 1" (the first working day after).
        var draftDeadline = EndOf(WorkingDays.Next(date));
        rows.Add(At("draft", "Utkast til referat sendt til medlemmer og varamedlemmer", null, draftDeadline, f.FirstDraftSent, now,
            late: "Utkastet ble sendt", missing: "Utkastet er ikke sendt."));
        rows.Add(Approval(f.Minutes, rules, now));

        // "Minutes are available to everyone no later than 7 days after the meeting."
        var publicationDeadline = EndOf(date.AddDays(rules.PublicationDays));
        var published = At("published", $"Referatet publisert senest {rules.PublicationDays} dager etter møtet", null, publicationDeadline,
            f.Minutes.PublishedAt, now, late: "Referatet ble publisert", missing: "Referatet er ikke publisert.");
        rows.Add(PublishedAtTheWindowsEnd(f.Minutes, publicationDeadline) ? published with { State = ComplianceState.Met, Reason = AtTheWindowsEnd } : published);
        return rows;
    }

    /// <summary>The reason a publication moments after the deadline is in time: the approval window itself ended at the deadline.</summary>
    public const string AtTheWindowsEnd = "Publisert straks merknadsfristen gikk ut, ved slutten av fristen for publisering.";

    /// <summary>
    /// A Thursday meeting whose draft went out on Friday: the 4 working days of the approval window end with day 7, the very
    /// deadline for publication, so approval by silence can only come at that instant and publication right after it.
    /// That is in time when the publication followed the approval at once (in the same run of the cycle, within minutes).
    /// </summary>
    public static bool PublishedAtTheWindowsEnd(MinutesState minutes, DateTimeOffset publicationDeadline) =>
        minutes is { ApprovalDeadline: { } last, ApprovedAt: { } approved, PublishedAt: { } published, ApprovedBy: MinutesState.BySilence }
        && EndOf(last) == publicationDeadline && approved >= publicationDeadline && published > publicationDeadline
        && published - approved <= TimeSpan.FromMinutes(15) && approved - publicationDeadline <= TimeSpan.FromMinutes(15);

    /// <summary>The first moment after <paramref name="day"/> in Oslo: a deadline "no later than" that day.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => Oslo.StartOfDay(day.AddDays(1));

    /// <summary>
    /// "The meetings of each calendar year are adopted before the year starts" — for a body founded during the year (an FSU
    /// set up by the SSU), its first year's plan counts from its founding: by the end of the day it was established.
    /// </summary>
    private static ComplianceRow PlanAdopted(Meeting m, Body body)
    {
        var foundedThisYear = body.Established is { } founded && founded.Year == m.Date.Year && founded > new DateOnly(m.Date.Year, 1, 1);
        var label = foundedThisYear ? $"Møteplanen vedtatt da utvalget ble opprettet ({Norwegian.ShortDate(body.Established!.Value)})" : "Møteplanen vedtatt før året startet";
        var deadline = foundedThisYear ? EndOf(body.Established!.Value) : Oslo.StartOfDay(new DateOnly(m.Date.Year, 1, 1));
        if (m.Kind == MeetingKind.Extraordinary)
        {
            return new("plan", label, null, null, m.AddedAt, ComplianceState.NotApplicable, "Et ekstraordinært møte står ikke på møteplanen.");
        }

        return m.AddedAt is not { } added
            ? new("plan", label, null, deadline, null, ComplianceState.Unknown, "Når møtet kom på møteplanen er ikke registrert (lest inn fra fellesskapets oppsett).")
            : (foundedThisYear ? added <= deadline : added < deadline)
                ? new("plan", label, null, deadline, added, ComplianceState.Met, null)
                : new("plan", label, null, deadline, added, ComplianceState.Missed,
                    $"Møtet ble lagt inn i møteplanen {Norwegian.DateTime(added)}, etter at {(foundedThisYear ? "utvalget ble opprettet" : "året startet")}.");
    }

    private static ComplianceRow CaseReceived(CaseFact c, DateTimeOffset deadline)
    {
        const string label = "Saken mottatt innen saksfristen";
        var subject = $"Sak {c.Label} {c.Title}";
        // The deadline is the end of its day: a case received at that very instant is in time.
        if (c.ReceivedAt <= deadline)
        {
            return new("case", label, subject, deadline, c.ReceivedAt, ComplianceState.Met, null);
        }

        return c.Urgent is { } reason
            ? new("case", label, subject, deadline, c.ReceivedAt, ComplianceState.Met, $"Mottatt etter fristen, tatt opp som hastesak: {reason}")
            : new("case", label, subject, deadline, c.ReceivedAt, ComplianceState.Missed, "Mottatt etter saksfristen uten å være tatt opp som hastesak.");
    }

    private static ComplianceRow ExtraordinaryNotice(MeetingFacts f, IReadOnlyList<Member> summoned, DateTimeOffset now)
    {
        var days = f.Body.Rules.ExtraordinaryNoticeDays;
        var label = $"Ekstraordinært møte innkalt med minst {days} dagers varsel";
        if (f.Meeting.Kind != MeetingKind.Extraordinary)
        {
            return new("extraordinary", label, null, null, null, ComplianceState.NotApplicable, "Ordinært møte.");
        }

        // The notice is given when the last member or deputy has it.
        var sends = summoned.Select(m => f.Summonses.GetValueOrDefault(m.Id)).ToList();
        var last = sends.All(s => s?.SentAt is not null) ? sends.Max(s => s!.SentAt) : null;
        return At("extraordinary", label, null, EndOf(f.Meeting.Date.AddDays(-days)), last, now,
            late: "Den siste innkallingen ble sendt", missing: "Innkallingen er ikke sendt til alle medlemmer og varamedlemmer.");
    }

    private static ComplianceRow StandIn(AbsenceFact a, IReadOnlyList<Member> roster, DateTimeOffset start, DateTimeOffset now)
    {
        const string label = "Vara innkalt ved forfall";
        var absent = roster.FirstOrDefault(m => m.Id == a.Absence.MemberId)?.Name ?? a.Absence.MemberId;
        var reported = $"Forfall meldt {Norwegian.DateTime(a.Absence.ReportedAt)}";
        if (a.Absence.StandInId is not { } standIn)
        {
            return new("absence", label, absent, null, null, ComplianceState.NotApplicable, $"{reported}; ingen vara var ledig.");
        }

        if (a.Absence.ReportedAt >= start)
        {
            return new("absence", label, absent, null, null, ComplianceState.NotApplicable, $"{reported}, etter at møtet begynte.");
        }

        var deputy = roster.FirstOrDefault(m => m.Id == standIn)?.Name ?? standIn;
        var row = Sent("absence", label, $"{absent} (vara: {deputy})", start, a.StandInSummons, now);
        return row with { Reason = row.Reason is null ? reported + "." : $"{reported}. {row.Reason}" };
    }

    /// <summary>"The committee cannot decide a case that was not announced and sent out in advance."</summary>
    private static ComplianceRow Announced(MeetingFacts f, MeetingOutcome? outcome, DateTimeOffset start, DateTimeOffset now)
    {
        const string label = "Vedtak bare i saker som var kunngjort og sendt ut på forhånd";
        if (outcome is null)
        {
            return NotRecorded("announced", label, f.Meeting, now);
        }

        // In advance: with the summons, by the body's notice (the rule the outcome is recorded under).
        var papers = AnnouncementRules.Papers(f.SummonsStep is { Status: StepStatus.Done } step ? step.DoneAt : null, f.Meeting, f.Body.Rules);
        var announced = papers == PapersOut.InTime && f.Agenda.Frozen ? f.Agenda.Order.ToHashSet() : [];
        var titles = f.Cases.ToDictionary(c => c.Id, c => $"{c.Label} {c.Title}");
        var decided = outcome.Items.Where(i => MeetingRules.IsAdoption(i.Result) && !announced.Contains(i.CaseId)).ToList();
        var unannounced = decided.Where(i => i.Unannounced is null).Select(i => titles.GetValueOrDefault(i.CaseId, i.CaseId)).ToList();
        var agreed = decided.Where(i => i.Unannounced is not null).Select(i => $"{titles.GetValueOrDefault(i.CaseId, i.CaseId)} ({i.Unannounced!.Reason})").ToList();
        return unannounced.Count == 0
            ? new("announced", label, null, start, null, ComplianceState.Met, agreed.Count == 0 ? null : "Møtet vedtok å behandle saker som ikke var sendt ut på forhånd: " + string.Join("; ", agreed) + ".")
            : new("announced", label, null, start, null, ComplianceState.Missed,
                (papers == PapersOut.NotSent ? "Sakslisten ble ikke sendt ut før møtet; vedtak i: " : papers == PapersOut.Late ? "Sakspapirene gikk ut for sent; vedtak i: " : "Vedtak i sak som ikke stod på den utsendte sakslisten: ")
                + string.Join("; ", unannounced) + ".");
    }

    /// <summary>"Quorum: at least half of the members of each party present" (or the body's own rule).</summary>
    private static ComplianceRow Quorum(MeetingFacts f, MeetingOutcome? outcome, DateTimeOffset now)
    {
        var rule = f.Body.Rules.Quorum;
        var label = $"Vedtaksført ({MeetingRules.QuorumRequirement(rule)})";
        if (rule == QuorumRule.None)
        {
            // The Dialogmøte decides nothing; the Partnerskapsmøte decides, but its statutes set no quorum.
            return new("quorum", label, null, null, null, ComplianceState.NotApplicable,
                f.Body.Rules.Decision == DecisionRule.None ? "Utvalget fatter ikke vedtak." : "Vedtektene setter ingen krav til hvor mange som må være til stede.");
        }

        if (outcome is null)
        {
            return NotRecorded("quorum", label, f.Meeting, now);
        }

        var present = outcome.Present.ToHashSet();
        var seats = string.Join(", ", new[] { (Party.Municipalities, "kommunene"), (Party.Hospital, "helseforetaket") }.Select(p =>
        {
            var (filled, total) = MeetingRules.Attendance(p.Item1, f.Roster, present, outcome.StandIns);
            return $"{p.Item2} {filled} av {total}";
        }));
        return MeetingRules.HasQuorum(rule, f.Roster, present, outcome.StandIns)
            ? new("quorum", label, null, null, null, ComplianceState.Met, $"Til stede: {seats}.")
            : new("quorum", label, null, null, null, ComplianceState.Missed, $"Ikke vedtaksført. Til stede: {seats}.");
    }
}
