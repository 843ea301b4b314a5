using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Tests.Meetings;

public sealed class MeetingIdTests
{
    [Fact]
    public void For_AnOrdinaryMeeting_IsBodyAndDate() =>
        Assert.Equal("ssu-2027-02-11", MeetingId.For("ssu", new DateOnly(2027, 2, 11), MeetingKind.Ordinary).Value);

    [Fact]
    public void For_AnExtraordinaryMeeting_EndsWithEkstra() =>
        Assert.Equal("ssu-2027-02-18-ekstra", MeetingId.For("ssu", new DateOnly(2027, 2, 18), MeetingKind.Extraordinary).Value);

    [Fact]
    public void TryParse_ReadsTheBody()
    {
        Assert.True(MeetingId.TryParse("fsu2-2027-02-18-ekstra", out var id));
        Assert.Equal("fsu2", id.Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ssu")]
    [InlineData("SSU-2027-02-11")]
    [InlineData("ssu-2027-2-11")]
    [InlineData("ssu-2027-02-11/../x")]
    [InlineData("ssu-2027-02-11-ekstra-x")]
    public void TryParse_RefusesWhatIsNotAnId(string? text) => Assert.False(MeetingId.TryParse(text, out _));

    [Fact]
    public void Json_IsTheString()
    {
        var id = MeetingId.For("ssu", new DateOnly(2027, 2, 11), MeetingKind.Ordinary);
        Assert.Equal("\"ssu-2027-02-11\"", Json.Write(id));
        Assert.Equal(id, Json.Read<MeetingId>("\"ssu-2027-02-11\""));
    }
}

public sealed class MeetingPlanRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void AnExtraordinaryMeeting_NeedsSevenDaysNotice()
    {
        Assert.Null(MeetingPlanRules.DateProblem(Today.AddDays(7), MeetingKind.Extraordinary, new BodyRules(), Today));
        Assert.Contains("minst 7 dagers varsel", MeetingPlanRules.DateProblem(Today.AddDays(6), MeetingKind.Extraordinary, new BodyRules(), Today));
    }

    [Fact]
    public void AnOrdinaryMeeting_CanBeSoon_ButNotInThePast()
    {
        Assert.Null(MeetingPlanRules.DateProblem(Today, MeetingKind.Ordinary, new BodyRules(), Today));
        Assert.Equal("Møtedatoen er passert.", MeetingPlanRules.DateProblem(Today.AddDays(-1), MeetingKind.Ordinary, new BodyRules(), Today));
    }
}
