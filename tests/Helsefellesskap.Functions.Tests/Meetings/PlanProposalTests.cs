using CsCheck;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Tests.Meetings;

/// <summary>Next year's plan is proposed from this year's: the same weekday of the same week of each month.</summary>
public sealed class PlanProposalTests
{
    private static Meeting Ssu(DateOnly date, MeetingKind kind = MeetingKind.Ordinary, MeetingStatus status = MeetingStatus.Planned) =>
        new(MeetingId.For("ssu", date, kind), "ssu", date, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null, kind, status);

    [Fact]
    public void TheSecondThursdays_Of2027_BecomeTheSecondThursdays_Of2028()
    {
        var plan = new[] { 11, 8, 10, 9, 14, 9 }.Zip([2, 4, 6, 9, 10, 12], (day, month) => Ssu(new DateOnly(2027, month, day))).ToList();
        plan.Add(Ssu(new DateOnly(2027, 3, 3), MeetingKind.Extraordinary));
        plan.Add(Ssu(new DateOnly(2027, 5, 13), status: MeetingStatus.Cancelled));

        var proposal = MeetingPlanRules.ProposeYear(plan, 2028);

        Assert.Equal([new(2028, 2, 10), new(2028, 4, 13), new(2028, 6, 8), new(2028, 9, 14), new(2028, 10, 12), new(2028, 12, 14)], proposal.Select(m => m.Date));
        Assert.All(proposal, m => Assert.Equal(("ssu", new TimeOnly(10, 0), "Mosjøen", MeetingKind.Ordinary), (m.Body, m.Start, m.Location, m.Kind)));
        Assert.Equal("ssu-2028-02-10", proposal[0].Id.Value);
    }

    [Fact]
    public void MonthsAlreadyPlanned_AreLeftOut_AndAnEmptyPlanProposesNothing()
    {
        var plan = new List<Meeting> { Ssu(new DateOnly(2027, 2, 11)), Ssu(new DateOnly(2027, 4, 8)), Ssu(new DateOnly(2028, 2, 17)) };
        Assert.Equal([new DateOnly(2028, 4, 13)], MeetingPlanRules.ProposeYear(plan, 2028).Select(m => m.Date));
        Assert.Empty(MeetingPlanRules.ProposeYear([], 2028));
    }

    [Fact]
    public void TheSameWeekdayOfTheSameWeek_AnyDateAnyYear()
    {
        Gen.Select(Gen.Int[730_000, 770_000], Gen.Int[1990, 2100]).Sample((day, year) =>
        {
            var date = DateOnly.FromDayNumber(day);
            var moved = MeetingPlanRules.SameWeekday(date, year);
            var week = (date.Day - 1) / 7;
            return moved.Year == year && moved.Month == date.Month && moved.DayOfWeek == date.DayOfWeek
                && (week < 4 ? (moved.Day - 1) / 7 == week : moved.AddDays(7).Month != moved.Month);
        }, iter: 5000);
    }
}
