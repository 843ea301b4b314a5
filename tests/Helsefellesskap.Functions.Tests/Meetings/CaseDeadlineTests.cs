using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Tests.Meetings;

/// <summary>"A case must reach the secretariat no later than 21 days before the meeting. A later case goes to the next meeting."</summary>
public sealed class CaseDeadlineTests
{
    private static readonly BodyRules Rules = new();

    private static Meeting On(int year, int month, int day, MeetingStatus status = MeetingStatus.Planned) =>
        new(MeetingId.Parse($"ssu-{year}-{month:00}-{day:00}"), "ssu", new DateOnly(year, month, day), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null, MeetingKind.Ordinary, status);

    private static readonly Meeting February = On(2027, 2, 11);
    private static readonly Meeting April = On(2027, 4, 8);
    private static readonly Meeting[] Plan = [April, February];

    private static DateTimeOffset Oslo(int year, int month, int day, int hour, int minute = 0) =>
        new(new DateTime(year, month, day, hour, minute, 0), Functions.Common.Oslo.Zone.GetUtcOffset(new DateTime(year, month, day, hour, minute, 0)));

    [Fact]
    public void LastDay_Is21DaysBeforeTheMeeting() =>
        Assert.Equal(new DateOnly(2027, 1, 21), CaseDeadline.LastDay(February, Rules));

    [Fact]
    public void CaseReceived21DaysBefore_LateEvening_GoesToThatMeeting() =>
        Assert.Equal(February, CaseDeadline.MeetingFor(Plan, Rules, Oslo(2027, 1, 21, 23, 59)));

    [Fact]
    public void CaseReceived20DaysBefore_GoesToTheNextMeeting() =>
        Assert.Equal(April, CaseDeadline.MeetingFor(Plan, Rules, Oslo(2027, 1, 22, 8)));

    [Fact]
    public void Deadline_EndsAtMidnightInOslo_NotInUtc()
    {
        // 00:30 in Oslo on 22 January is still 21 January in UTC.
        var justAfterMidnight = Oslo(2027, 1, 22, 0, 30);
        Assert.Equal(21, justAfterMidnight.UtcDateTime.Day);
        Assert.Equal(April, CaseDeadline.MeetingFor(Plan, Rules, justAfterMidnight));
    }

    [Fact]
    public void Deadline_CountsInOsloAcrossSummerTime()
    {
        var june = On(2027, 6, 10);
        Assert.Equal(new DateOnly(2027, 5, 20), CaseDeadline.LastDay(june, Rules));
        Assert.True(CaseDeadline.IsOpen(june, Rules, Oslo(2027, 5, 20, 23, 59)));
        Assert.False(CaseDeadline.IsOpen(june, Rules, Oslo(2027, 5, 21, 0, 0)));
    }

    [Fact]
    public void PreferredLaterMeeting_IsHonoured() =>
        Assert.Equal(April, CaseDeadline.MeetingFor(Plan, Rules, Oslo(2026, 12, 1, 12), preferred: April.Date));

    [Fact]
    public void PreferredMeetingWithPassedDeadline_GoesToTheNextOpenOneAfterIt() =>
        Assert.Equal(April, CaseDeadline.MeetingFor(Plan, Rules, Oslo(2027, 1, 25, 12), preferred: February.Date));

    [Fact]
    public void CancelledMeeting_TakesNoCases() =>
        Assert.Equal(April, CaseDeadline.MeetingFor([On(2027, 2, 11, MeetingStatus.Cancelled), April], Rules, Oslo(2026, 12, 1, 12)));

    [Fact]
    public void NoOpenMeeting_GivesNone() =>
        Assert.Null(CaseDeadline.MeetingFor(Plan, Rules, Oslo(2027, 3, 20, 12)));

    [Fact]
    public void DeadlineDays_ArePerBody() =>
        Assert.Equal(new DateOnly(2027, 1, 11), CaseDeadline.LastDay(February, new BodyRules { CaseDeadlineDays = 31 }));
}
