using CsCheck;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Compliance;

/// <summary>The compliance timeline of one meeting, row by row, as the statutes put each requirement (docs/rules.md).</summary>
public sealed class ComplianceRulesTests
{
    private static readonly Body Ssu = new("ssu", "Strategisk samarbeidsutvalg", "SSU", "Helsefellesskap Helgeland", new BodyRules());

    private static readonly IReadOnlyList<Member> Roster = Presets.SsuMembers.ToList();

    /// <summary>Thursday 11 February 2027, 10:00: summons by the end of 4 February, publication by the end of 18 February.</summary>
    private static readonly Meeting February = new(MeetingId.Parse("ssu-2027-02-11"), "ssu", new DateOnly(2027, 2, 11), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null,
        MeetingKind.Ordinary, MeetingStatus.Planned) { AddedAt = Oslo(2026, 11, 20, 12) };

    private static DateTimeOffset Oslo(int year, int month, int day, int hour, int minute = 0) => Functions.Common.Oslo.At(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    private static IEnumerable<Member> Summoned => Roster.Where(m => m.Role is MemberRole.Member or MemberRole.Deputy);

    private static Sending SentAt(DateTimeOffset at) => new(at, EmailOutbox.State.Sent, null);

    /// <summary>A meeting run by the book: one case in time, everyone summoned at T − 7 08:00, all present, draft the same day, approved by silence, published at once.</summary>
    private static MeetingFacts Clean()
    {
        var present = Roster.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
        var outcome = new MeetingOutcome(present, new Dictionary<string, string>(), true, [new ItemOutcome("HFH-2027-1", ItemResult.Adopted, "Vedtatt.", [], true)], null);
        var minutes = MinutesState.Empty(February.Id) with
        {
            Outcome = outcome, DraftVersion = 1, DraftSentAt = Oslo(2027, 2, 11, 15), ApprovalDeadline = new DateOnly(2027, 2, 17),
            ApprovedAt = Oslo(2027, 2, 18, 0, 1), ApprovedBy = MinutesState.BySilence, PublishedAt = Oslo(2027, 2, 18, 0, 2),
        };
        return new MeetingFacts(February, Ssu, Roster, [new CaseFact("HFH-2027-1", "2/27", "Felles rutine for utskrivning", Oslo(2027, 1, 10, 9), null)],
            new AgendaState(February.Id.Value, true, Oslo(2027, 2, 3, 8), "sekretariatet", ["HFH-2027-1"], 1, 2027),
            new StepRecord(CycleStep.Summons, Oslo(2027, 2, 4, 8), StepStatus.Done, Oslo(2027, 2, 4, 8), null),
            Summoned.ToDictionary(m => m.Id, _ => SentAt(Oslo(2027, 2, 4, 8))), [], minutes, Oslo(2027, 2, 11, 15, 5));
    }

    private static readonly DateTimeOffset After = Oslo(2027, 3, 1, 12);

    [Fact]
    public void AMeetingRunByTheBook_MeetsEveryRow_AndTheExtraordinaryNoticeDoesNotApply()
    {
        var rows = ComplianceRules.Rows(Clean(), After);
        Assert.All(rows.Where(r => r.Requirement != "extraordinary"), r => Assert.True(r.State == ComplianceState.Met, $"{r.Label} {r.Subject}: {r.State} {r.Reason}"));
        Assert.Equal(ComplianceState.NotApplicable, rows.Single(r => r.Requirement == "extraordinary").State);
        // One row per member and deputy for the summons; one per case; the meeting's own rows once each.
        Assert.Equal(Summoned.Count(), rows.Count(r => r.Requirement == "summons"));
        Assert.Equal(["plan", "case", "extraordinary", "announced", "quorum", "draft", "approval", "published"], rows.Where(r => r.Requirement != "summons").Select(r => r.Requirement));
    }

    [Fact]
    public void ASummonsToOneDeputy_SentTwoDaysLate_IsTheOnlyRowMissed_SayingHowLate()
    {
        var facts = Clean();
        var deputy = Roster.First(m => m.Role == MemberRole.Deputy && m.DeputyFor is not null);
        var summonses = facts.Summonses.ToDictionary(x => x.Key, x => x.Value);
        summonses[deputy.Id] = SentAt(Oslo(2027, 2, 7, 9));
        var rows = ComplianceRules.Rows(facts with { Summonses = summonses }, After);

        var missed = Assert.Single(rows, r => r.State == ComplianceState.Missed);
        Assert.Equal("summons", missed.Requirement);
        Assert.StartsWith(deputy.Name + " (vara for ", missed.Subject);
        Assert.Equal(Oslo(2027, 2, 5, 0), missed.Deadline);
        Assert.Equal(Oslo(2027, 2, 7, 9), missed.Actual);
        Assert.Equal("Sendt 2 dager etter fristen.", missed.Reason);
    }

    [Fact]
    public void NoLaterThan7DaysBefore_IsTheWholeOfDayTMinus7_InOslo_WhateverTheDateAndTime()
    {
        // For any meeting date and any send time: in time exactly when it was sent on or before T − 7 in Oslo.
        var dates = Gen.Int[0, 3650].Select(d => new DateOnly(2026, 1, 1).AddDays(d));
        Gen.Select(dates, Gen.Int[-20 * 24 * 60, 2 * 24 * 60]).Sample((date, minutes) =>
        {
            var meeting = February with { Date = date };
            var sent = Functions.Common.Oslo.At(date.AddDays(-7), TimeOnly.MinValue).AddMinutes(minutes);
            var facts = Clean() with { Meeting = meeting, Summonses = Summoned.ToDictionary(m => m.Id, _ => SentAt(sent)) };
            var row = ComplianceRules.Rows(facts, sent.AddDays(30)).First(r => r.Requirement == "summons");
            var inTime = Functions.Common.Oslo.DateOf(sent) <= date.AddDays(-7);
            return row.State == (inTime ? ComplianceState.Met : ComplianceState.Missed);
        });
    }

    [Fact]
    public void BeforeItsDeadline_AnUnsentSummonsIsPending_AndAfterItMissed_WithWhatStoppedIt()
    {
        var facts = Clean() with { Summonses = new Dictionary<string, Sending> { ["k1"] = new(null, EmailOutbox.State.Pending, "503 Service Unavailable") } };
        var before = ComplianceRules.Rows(facts, Oslo(2027, 2, 4, 9)).First(r => r.Requirement == "summons");
        Assert.Equal(ComplianceState.Pending, before.State);
        var after = ComplianceRules.Rows(facts, Oslo(2027, 2, 5, 0)).Where(r => r.Requirement == "summons").ToList();
        Assert.All(after, r => Assert.Equal(ComplianceState.Missed, r.State));
        Assert.Equal("Ikke sendt ennå; siste forsøk feilet: 503 Service Unavailable", after.First().Reason);
        Assert.Equal("Ikke sendt.", after.Last().Reason);
    }

    [Fact]
    public void ThePartnershipMeetingsPapers_SixteenDaysAhead_AreInTime_ByItsStatutes2To3Weeks_AndItsQuorumRowSaysWhy()
    {
        // "Sakspapirer 2–3 uker før møtet": sent at 21 days by the cycle, at least 14 by the statutes; here 16 days ahead.
        var partnership = new Body("pm", "Partnerskapsmøtet", "Partnerskapsmøtet", "Helsefellesskap Helgeland",
            new BodyRules { SummonsDays = 21, SummonsMinimumDays = 14, AgendaFreezeDays = 22, CaseDeadlineDays = 35, DeadlineReminderDays = 49, Quorum = QuorumRule.None })
        { Kind = BodyKind.Partnership };
        var sent = Oslo(2027, 1, 26, 8);
        var facts = Clean() with
        {
            Body = partnership,
            Cases = [new CaseFact("HFH-2027-1", "2/27", "Felles rutine for utskrivning", Oslo(2026, 12, 20, 9), null)],
            SummonsStep = new StepRecord(CycleStep.Summons, Oslo(2027, 1, 21, 8), StepStatus.Done, sent, null),
            Summonses = Summoned.ToDictionary(m => m.Id, _ => SentAt(sent)),
        };
        var rows = ComplianceRules.Rows(facts, After);

        Assert.All(rows.Where(r => r.Requirement is "summons" or "announced"), r => Assert.Equal(ComplianceState.Met, r.State));
        Assert.Equal("Innkalling, saksliste og sakspapirer minst 14 dager før møtet", rows.First(r => r.Requirement == "summons").Label);
        var quorum = rows.Single(r => r.Requirement == "quorum");
        Assert.Equal((ComplianceState.NotApplicable, "Vedtektene setter ingen krav til hvor mange som må være til stede."), (quorum.State, quorum.Reason));

        // Thirteen days ahead is too late, for the summons rows and for a decision.
        var late = Oslo(2027, 1, 29, 8);
        var tooLate = ComplianceRules.Rows(facts with { SummonsStep = facts.SummonsStep! with { DoneAt = late }, Summonses = Summoned.ToDictionary(m => m.Id, _ => SentAt(late)) }, After);
        Assert.All(tooLate.Where(r => r.Requirement is "summons" or "announced"), r => Assert.Equal(ComplianceState.Missed, r.State));
    }

    [Fact]
    public void AThursdayMeetingWhoseDraftWentOutFriday_IsPublishedInTime_RightAfterItsWindowEndsWithDay7()
    {
        // Draft Friday 12 February; 4 working days: Monday 15 – Thursday 18; the window ends with day 7, the publication deadline.
        var facts = Clean() with
        {
            Minutes = Clean().Minutes with
            {
                DraftSentAt = Oslo(2027, 2, 12, 9), ApprovalDeadline = new DateOnly(2027, 2, 18),
                ApprovedAt = Oslo(2027, 2, 19, 0, 0).AddSeconds(2), PublishedAt = Oslo(2027, 2, 19, 0, 0).AddSeconds(9),
            },
        };
        var row = ComplianceRules.Rows(facts, After).Single(r => r.Requirement == "published");
        Assert.Equal((ComplianceState.Met, ComplianceRules.AtTheWindowsEnd), (row.State, row.Reason));

        // Published a day later is late all the same.
        var dayLate = facts with { Minutes = facts.Minutes with { PublishedAt = Oslo(2027, 2, 20, 0, 0) } };
        Assert.Equal(ComplianceState.Missed, ComplianceRules.Rows(dayLate, After).Single(r => r.Requirement == "published").State);
    }

    [Fact]
    public void ASummonsSentAtTheDeadlinesVeryInstant_IsInTime()
    {
        var edge = Oslo(2027, 2, 5, 0); // the end of 4 February
        var facts = Clean() with { Summonses = Summoned.ToDictionary(m => m.Id, _ => SentAt(edge)) };
        Assert.All(ComplianceRules.Rows(facts, After).Where(r => r.Requirement == "summons"), r => Assert.Equal(ComplianceState.Met, r.State));
        var second = facts with { Summonses = Summoned.ToDictionary(m => m.Id, _ => SentAt(edge.AddSeconds(1))) };
        Assert.All(ComplianceRules.Rows(second, After).Where(r => r.Requirement == "summons"), r => Assert.Equal(ComplianceState.Missed, r.State));
    }

    [Fact]
    public void AnFsuFoundedDuringTheYear_HasItsPlanCountedFromItsFounding()
    {
        var fsu = Ssu with { Code = "fsu-rus", Kind = BodyKind.Professional, Parent = "ssu", Established = new DateOnly(2027, 3, 4) };
        var autumn = February with { Date = new DateOnly(2027, 10, 14), AddedAt = Oslo(2027, 3, 4, 15) };
        var row = ComplianceRules.Rows(Clean() with { Body = fsu, Meeting = autumn }, Oslo(2027, 11, 1, 12)).Single(r => r.Requirement == "plan");
        Assert.Equal((ComplianceState.Met, "Møteplanen vedtatt da utvalget ble opprettet (04.03.2027)"), (row.State, row.Label));

        var later = ComplianceRules.Rows(Clean() with { Body = fsu, Meeting = autumn with { AddedAt = Oslo(2027, 5, 2, 9) } }, Oslo(2027, 11, 1, 12)).Single(r => r.Requirement == "plan");
        Assert.Equal(ComplianceState.Missed, later.State);
        Assert.EndsWith("etter at utvalget ble opprettet.", later.Reason);
    }

    [Fact]
    public void ACaseAfterTheDeadline_IsInOrder_OnlyWhenTakenUpAsUrgent_WithTheReason()
    {
        var late = new CaseFact("HFH-2027-1", "2/27", "Felles rutine", Oslo(2027, 1, 22, 0, 0).AddSeconds(1), null);
        Assert.Equal(ComplianceState.Met, ComplianceRules.Rows(Clean() with { Cases = [late with { ReceivedAt = Oslo(2027, 1, 21, 23, 59) }] }, After).Single(r => r.Requirement == "case").State);
        // The deadline is the end of 21 January: a case in at that very instant is in time.
        Assert.Equal(ComplianceState.Met, ComplianceRules.Rows(Clean() with { Cases = [late with { ReceivedAt = Oslo(2027, 1, 22, 0, 0) }] }, After).Single(r => r.Requirement == "case").State);
        var missed = ComplianceRules.Rows(Clean() with { Cases = [late] }, After).Single(r => r.Requirement == "case");
        Assert.Equal((ComplianceState.Missed, "Mottatt etter saksfristen uten å være tatt opp som hastesak."), (missed.State, missed.Reason));
        var urgent = ComplianceRules.Rows(Clean() with { Cases = [late with { Urgent = "Frist fra Helsedirektoratet" }] }, After).Single(r => r.Requirement == "case");
        Assert.Equal((ComplianceState.Met, "Mottatt etter fristen, tatt opp som hastesak: Frist fra Helsedirektoratet"), (urgent.State, urgent.Reason));
    }

    [Fact]
    public void ApprovalByTheSecretariat_IsInOrderAfterChangeRequests_ButNotBeforeTheWindowEndsWithoutAny()
    {
        var facts = Clean();
        var early = facts with { Minutes = facts.Minutes with { ApprovedAt = Oslo(2027, 2, 12, 9), ApprovedBy = MinutesState.BySecretariat } };
        var row = ComplianceRules.Rows(early, After).Single(r => r.Requirement == "approval");
        Assert.Equal((ComplianceState.Missed, Oslo(2027, 2, 18, 0)), (row.State, row.Deadline));
        Assert.Contains("før merknadsfristen", row.Reason);

        var asked = early with { Minutes = early.Minutes with { ChangeRequests = [new ChangeRequest("k2", "Rett navnet mitt.", Oslo(2027, 2, 12, 8))] } };
        var afterRequests = ComplianceRules.Rows(asked, After).Single(r => r.Requirement == "approval");
        Assert.Equal((ComplianceState.Met, "Godkjent av sekretariatet etter 1 endringsønske."), (afterRequests.State, afterRequests.Reason));
    }

    [Fact]
    public void MinutesPublishedOnTPlus8_AreLate_AndNotYetPublishedOnTPlus8_AreMissed()
    {
        var facts = Clean();
        var late = ComplianceRules.Rows(facts with { Minutes = facts.Minutes with { PublishedAt = Oslo(2027, 2, 19, 10) } }, After).Single(r => r.Requirement == "published");
        Assert.Equal((ComplianceState.Missed, "Referatet ble publisert 10 timer etter fristen."), (late.State, late.Reason));
        var unpublished = facts with { Minutes = facts.Minutes with { PublishedAt = null } };
        Assert.Equal(ComplianceState.Pending, ComplianceRules.Rows(unpublished, Oslo(2027, 2, 18, 23, 59)).Single(r => r.Requirement == "published").State);
        Assert.Equal(ComplianceState.Missed, ComplianceRules.Rows(unpublished, Oslo(2027, 2, 19, 0)).Single(r => r.Requirement == "published").State);
    }

    [Fact]
    public void ADeadlineAtMidnight_IsWrittenAsTheEndOfTheDayBefore()
    {
        Assert.Equal("04.02.2027 kl. 24:00", ComplianceText.Deadline(Oslo(2027, 2, 5, 0)));
        Assert.Equal("28.03.2027 kl. 24:00", ComplianceText.Deadline(Oslo(2027, 3, 29, 0))); // the night summer time starts
        Assert.Equal("04.02.2027 kl. 08:00", ComplianceText.Deadline(Oslo(2027, 2, 4, 8)));
    }

    [Fact]
    public void BeforeTheMeeting_NothingAheadIsMissed()
    {
        var facts = Clean() with { Minutes = MinutesState.Empty(February.Id), FirstDraftSent = null };
        var rows = ComplianceRules.Rows(facts, Oslo(2027, 2, 8, 12));
        Assert.DoesNotContain(rows, r => r.State == ComplianceState.Missed);
        Assert.All(rows.Where(r => r.Requirement is "announced" or "quorum" or "draft" or "approval" or "published"), r => Assert.Equal(ComplianceState.Pending, r.State));
    }

    [Fact]
    public void ADecisionOnACaseNotOnTheAgendaSent_IsMissed_AndSoIsAMeetingWithoutQuorum()
    {
        var facts = Clean();
        var outcome = facts.Minutes.Outcome! with { Items = [.. facts.Minutes.Outcome!.Items, new ItemOutcome("HFH-2027-9", ItemResult.Adopted, "Vedtatt.", [], true)] };
        var row = ComplianceRules.Rows(facts with { Minutes = facts.Minutes with { Outcome = outcome } }, After).Single(r => r.Requirement == "announced");
        Assert.Equal((ComplianceState.Missed, "Vedtak i sak som ikke stod på den utsendte sakslisten: HFH-2027-9."), (row.State, row.Reason));

        var few = facts.Minutes.Outcome! with { Present = ["k1", "k2", "h1", "h2", "h3", "h4"] };
        var quorum = ComplianceRules.Rows(facts with { Minutes = facts.Minutes with { Outcome = few } }, After).Single(r => r.Requirement == "quorum");
        Assert.Equal((ComplianceState.Missed, "Ikke vedtaksført. Til stede: kommunene 2 av 7, helseforetaket 4 av 7."), (quorum.State, quorum.Reason));
    }

    [Fact]
    public void AnAbsentMembersDeputy_MustBeSummonedBeforeTheMeetingStarts()
    {
        var absence = new Absence(February.Id.Value, "k2", "Syk", Oslo(2027, 2, 9, 14), "k2-vara");
        var inTime = ComplianceRules.Rows(Clean() with { Absences = [new AbsenceFact(absence, SentAt(Oslo(2027, 2, 9, 14, 1)))] }, After).Single(r => r.Requirement == "absence");
        Assert.Equal(ComplianceState.Met, inTime.State);
        Assert.Equal("Forfall meldt 09.02.2027 kl. 14:00.", inTime.Reason);
        var never = ComplianceRules.Rows(Clean() with { Absences = [new AbsenceFact(absence, null)] }, After).Single(r => r.Requirement == "absence");
        Assert.Equal((ComplianceState.Missed, "Forfall meldt 09.02.2027 kl. 14:00. Ikke sendt."), (never.State, never.Reason));
        var noDeputy = ComplianceRules.Rows(Clean() with { Absences = [new AbsenceFact(absence with { StandInId = null }, null)] }, After).Single(r => r.Requirement == "absence");
        Assert.Equal(ComplianceState.NotApplicable, noDeputy.State);
    }

    [Fact]
    public void ThePlan_MustBeAdoptedBeforeTheYearStarts_AndAPlanReadFromTheDefinitionIsUnknown()
    {
        Assert.Equal(ComplianceState.Missed, ComplianceRules.Rows(Clean() with { Meeting = February with { AddedAt = Oslo(2027, 1, 1, 0) } }, After)[0].State);
        Assert.Equal(ComplianceState.Unknown, ComplianceRules.Rows(Clean() with { Meeting = February with { AddedAt = null } }, After)[0].State);
        var extraordinary = February with { Kind = MeetingKind.Extraordinary, AddedAt = Oslo(2027, 2, 1, 9) };
        var rows = ComplianceRules.Rows(Clean() with { Meeting = extraordinary }, After);
        Assert.Equal(ComplianceState.NotApplicable, rows[0].State);
        Assert.Equal(ComplianceState.Met, rows.Single(r => r.Requirement == "extraordinary").State);
    }

    [Fact]
    public void ACancelledMeeting_HasOnlyItsPlanRow_AndSaysItWasCancelled()
    {
        var rows = ComplianceRules.Rows(Clean() with { Meeting = February with { Status = MeetingStatus.Cancelled } }, After);
        Assert.Equal(["plan", "cancelled"], rows.Select(r => r.Requirement));
    }
}
