using CsCheck;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// The cycle's calendar rules over every day of 2025–2035 (exhaustively: every holiday, every
/// combination of weekday and window), and the choice of the next step over random sets of steps.
/// </summary>
public sealed class CyclePropertyTests
{
    private static readonly BodyRules Rules = new();

    private static IEnumerable<DateOnly> Days() =>
        Enumerable.Range(0, new DateOnly(2036, 1, 1).DayNumber - new DateOnly(2025, 1, 1).DayNumber).Select(i => new DateOnly(2025, 1, 1).AddDays(i));

    private static Meeting On(DateOnly date) =>
        new(MeetingId.For("ssu", date, MeetingKind.Ordinary), "ssu", date, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);

    private static int WorkingDaysBetween(DateOnly afterDay, DateOnly beforeDay) =>
        Enumerable.Range(1, Math.Max(0, beforeDay.DayNumber - afterDay.DayNumber - 1)).Count(i => WorkingDays.IsWorkingDay(afterDay.AddDays(i)));

    [Fact]
    public void Approval_ComesWhenTheFourthWorkingDayAfterTheDraftHasEnded_EveryDay2025To2035()
    {
        foreach (var draft in Days().Where(WorkingDays.IsWorkingDay))
        {
            var approvalDay = Oslo.DateOf(CyclePlan.ApprovalDue(draft, Rules));
            Assert.True(WorkingDaysBetween(draft, approvalDay) == 4 && WorkingDays.IsWorkingDay(approvalDay.AddDays(-1)),
                $"draft {draft}: approval {approvalDay}");
        }
    }

    [Fact]
    public void LatestDraftDay_IsTheLastDayWhoseWindowEndsByTPlus7_OrNoneIs_EveryMeetingDay2025To2035()
    {
        foreach (var date in Days().Where(WorkingDays.IsWorkingDay).Where(d => d < new DateOnly(2035, 12, 20)))
        {
            var meeting = On(date);
            var endOfT7 = Oslo.StartOfDay(date.AddDays(Rules.PublicationDays + 1));
            var inTime = Enumerable.Range(0, Rules.PublicationDays + 1).Select(date.AddDays)
                .Where(d => WorkingDays.IsWorkingDay(d) && CyclePlan.ApprovalDue(d, Rules) <= endOfT7).ToList();
            Assert.True(MeetingRules.LatestDraftDay(meeting, Rules) == (inTime.Count == 0 ? null : inTime.Max()), $"meeting {date}");
        }
    }

    [Fact]
    public void ThePlan_RunsItsStepsInCycleOrder_EveryMeetingDay2025To2035()
    {
        foreach (var date in Days().Where(WorkingDays.IsWorkingDay))
        {
            var plan = CyclePlan.For(On(date), Rules);
            Assert.True(plan.Zip(plan.Skip(1)).All(p => p.First.DueAt <= p.Second.DueAt && p.First.Step < p.Second.Step), $"meeting {date}");
        }
    }

    [Fact]
    public void Next_IsAPendingStepThatNoOtherPendingStepPrecedes()
    {
        var t = new DateTimeOffset(2027, 2, 11, 8, 0, 0, TimeSpan.FromHours(1));
        var step = Gen.Select(Gen.Enum<CycleStep>(), Gen.Enum<StepStatus>(), Gen.Int[0, 96], Gen.Int[-1, 96],
            (s, status, planned, retry) => new StepRecord(s, t.AddHours(planned), status, null, null, retry < 0 ? null : t.AddHours(retry)));
        step.Array[0, 7].Select(a => a.DistinctBy(s => s.Step).ToArray()).Sample(steps =>
        {
            var next = CyclePlan.Next(steps);
            var pending = steps.Where(s => s.Status == StepStatus.Pending).ToList();
            return next is null
                ? pending.Count == 0
                : next.Status == StepStatus.Pending && pending.All(s => s.DueAt > next.DueAt || (s.DueAt == next.DueAt && s.Step >= next.Step));
        }, iter: 2_000);
    }
}
