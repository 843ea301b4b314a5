using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;

using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>When each step of an SSU cycle is due (docs/rules.md), and who stands in for whom.</summary>
public sealed class CycleRulesTests
{
    private static readonly Meeting February = new(MeetingId.Parse("ssu-2027-02-11"), "ssu", new DateOnly(2027, 2, 11), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null, MeetingKind.Ordinary, MeetingStatus.Planned);

    private static DateTimeOffset Oslo(int month, int day, int hour) => new(2027, month, day, hour, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Steps_AreDueAtTheStatuteOffsets_InOslo()
    {
        var plan = CyclePlan.For(February, new BodyRules()).ToDictionary(s => s.Step, s => s.DueAt);
        Assert.Equal(Oslo(1, 14, 8), plan[CycleStep.DeadlineReminder]);   // T − 28 d
        Assert.Equal(Oslo(1, 22, 0), plan[CycleStep.CaseDeadline]);       // when T − 21 d has ended
        Assert.Equal(Oslo(2, 3, 8), plan[CycleStep.FreezeCheck]);         // T − 8 d
        Assert.Equal(Oslo(2, 4, 8), plan[CycleStep.Summons]);             // T − 7 d
        Assert.Equal(Oslo(2, 12, 8), plan[CycleStep.MinutesDraft]);       // the first working day after T
        Assert.Equal(Oslo(2, 19, 0), plan[CycleStep.Approval]);           // when the 4th working day after the draft has ended
        Assert.Equal(Oslo(2, 19, 0), plan[CycleStep.Publication]);        // no later than the end of T + 7 d
    }

    [Fact]
    public void CyclePlannedLate_SkipsPastSteps_ButNotTheSummons()
    {
        var plan = CyclePlan.For(February, new BodyRules());
        var now = Oslo(2, 5, 12);
        Assert.All(plan.Where(s => s.Step < CycleStep.Summons), s => Assert.True(CyclePlan.SkipWhenPlannedLate(s, now)));
        Assert.False(CyclePlan.SkipWhenPlannedLate(plan.Single(s => s.Step == CycleStep.Summons), now));
    }

    private static readonly IReadOnlyList<Member> Members = Presets.SsuMembers.ToList();

    private static Member M(string id) => Members.Single(m => m.Id == id);

    [Fact]
    public void AbsentMunicipalMember_IsReplacedByTheirPersonalDeputy() =>
        Assert.Equal("k3-vara", DeputyRules.StandIn(M("k3"), Members, new HashSet<string> { "k3" })?.Id);

    [Fact]
    public void AbsentHospitalMember_IsReplacedByTheFirstFreeDeputyOnTheList()
    {
        Assert.Equal("h-vara1", DeputyRules.StandIn(M("h2"), Members, new HashSet<string> { "h2" })?.Id);
        Assert.Equal("h-vara2", DeputyRules.StandIn(M("h5"), Members, new HashSet<string> { "h2", "h-vara1", "h5" })?.Id);
    }

    [Fact]
    public void HospitalDeputyWhoReportsAbsence_PassesItOnToTheNextOnTheList() =>
        Assert.Equal("h-vara2", DeputyRules.StandIn(M("h-vara1"), Members, new HashSet<string> { "h2", "h-vara1" })?.Id);

    [Fact]
    public void MunicipalDeputyWhoReportsAbsence_HasNoOneAfterThem() =>
        Assert.Null(DeputyRules.StandIn(M("k3-vara"), Members, new HashSet<string> { "k3", "k3-vara" }));
}
