using Azure.Data.Tables;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>Which step runs next, which is not run at all, and how long a failed step waits.</summary>
public sealed class CycleClockTests
{
    private static readonly DateTimeOffset T = new(2027, 2, 11, 8, 0, 0, TimeSpan.FromHours(1));

    private static StepRecord Pending(CycleStep step, DateTimeOffset at, DateTimeOffset? retry = null) => new(step, at, StepStatus.Pending, null, null, retry);

    [Fact]
    public void Next_IsTheEarliestPendingStep_ARetriedStepAtItsRetryTime()
    {
        // Publication was tried and waits an hour; approval is due before that and must not be starved.
        StepRecord[] steps = [Pending(CycleStep.Publication, T, retry: T.AddHours(1)), Pending(CycleStep.Approval, T.AddMinutes(30))];
        Assert.Equal(CycleStep.Approval, CyclePlan.Next(steps)!.Step);
    }

    [Fact]
    public void Next_OfStepsDueAtOnce_IsTheOneEarlierInTheCycle()
    {
        StepRecord[] steps = [Pending(CycleStep.Publication, T), Pending(CycleStep.Approval, T), Pending(CycleStep.MinutesDraft, T)];
        Assert.Equal(CycleStep.MinutesDraft, CyclePlan.Next(steps)!.Step);
    }

    [Fact]
    public void Next_IgnoresStepsTaken() =>
        Assert.Null(CyclePlan.Next([new StepRecord(CycleStep.Summons, T, StepStatus.Done, T, "ok")]));

    [Fact]
    public void ASummons_IsNotSentOnceTheMeetingHasBegun()
    {
        var meeting = new Meeting(MeetingId.Parse("ssu-2027-02-11"), "ssu", new DateOnly(2027, 2, 11), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);
        Assert.False(CyclePlan.PurposePassed(CycleStep.Summons, meeting, new BodyRules(), new DateTimeOffset(2027, 2, 11, 9, 59, 0, TimeSpan.FromHours(1))));
        Assert.True(CyclePlan.PurposePassed(CycleStep.Summons, meeting, new BodyRules(), new DateTimeOffset(2027, 2, 11, 10, 0, 0, TimeSpan.FromHours(1))));
    }

    [Fact]
    public void AReminderOfTheCaseDeadline_IsNotSentAfterTheDeadline()
    {
        var meeting = new Meeting(MeetingId.Parse("ssu-2027-02-11"), "ssu", new DateOnly(2027, 2, 11), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);
        Assert.False(CyclePlan.PurposePassed(CycleStep.DeadlineReminder, meeting, new BodyRules(), new DateTimeOffset(2027, 1, 21, 23, 59, 0, TimeSpan.FromHours(1))));
        Assert.True(CyclePlan.PurposePassed(CycleStep.DeadlineReminder, meeting, new BodyRules(), new DateTimeOffset(2027, 1, 22, 0, 0, 0, TimeSpan.FromHours(1))));
        Assert.False(CyclePlan.PurposePassed(CycleStep.Approval, meeting, new BodyRules(), T.AddYears(1)));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(20, 360)]
    public void AFailedStep_WaitsLongerEachTime_AtMostSixHours(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), CyclePlan.Backoff(failures));
}

/// <summary>A step row written before failures were recorded reads back as a step that never failed.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class StepRowShapeTests(AppFixture app)
{
    [Fact]
    public async Task AStepRowOfTheFirstRelease_ReadsAsNeverFailed()
    {
        var meetingId = $"{Guid.NewGuid():N}-2026-12-10"; // a meeting id of its own, in the format
        var table = await app.Storage.Table(StorageNames.CycleSteps);
        await table.AddEntityAsync(new TableEntity(meetingId, "Summons")
        {
            ["PlannedAt"] = AppFixture.Start,
            ["Status"] = "Pending",
            ["DoneAt"] = null,
            ["Outcome"] = null,
        });

        var step = Assert.Single(await app.Service<CycleStore>().StepsOf(Functions.Meetings.MeetingId.Parse(meetingId)));
        Assert.Equal((CycleStep.Summons, StepStatus.Pending, (DateTimeOffset?)null, 0, AppFixture.Start), (step.Step, step.Status, step.RetryAt, step.Failures, step.DueAt));
    }
}
