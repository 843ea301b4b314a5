using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Tests.Minutes;

/// <summary>"The committee cannot decide a case that was not announced and sent out in advance" — in advance meaning by the body's notice.</summary>
public sealed class AnnouncementRulesTests
{
    private static readonly DateOnly Thursday = new(2027, 2, 11);
    private static readonly TimeOnly Ten = new(10, 0);

    [Fact]
    public void PapersSentSevenDaysAhead_AreInTime_UpToTheLastInstantOfThatDay()
    {
        Assert.Equal(PapersOut.InTime, AnnouncementRules.Papers(Oslo.At(Thursday.AddDays(-7), new TimeOnly(7, 0)), Thursday, Ten, 7));
        Assert.Equal(PapersOut.InTime, AnnouncementRules.Papers(Oslo.StartOfDay(Thursday.AddDays(-6)), Thursday, Ten, 7)); // the end of day 7 itself
        Assert.Equal(PapersOut.Late, AnnouncementRules.Papers(Oslo.StartOfDay(Thursday.AddDays(-6)).AddTicks(1), Thursday, Ten, 7));
    }

    [Fact]
    public void PapersSentAfterTheNotice_ButBeforeTheMeeting_AreLate_AndNoneOrAfterTheStart_AreNotSent()
    {
        Assert.Equal(PapersOut.Late, AnnouncementRules.Papers(Oslo.At(Thursday, new TimeOnly(9, 59)), Thursday, Ten, 7));
        Assert.Equal(PapersOut.NotSent, AnnouncementRules.Papers(Oslo.At(Thursday, Ten), Thursday, Ten, 7));
        Assert.Equal(PapersOut.NotSent, AnnouncementRules.Papers(null, Thursday, Ten, 7));
    }

    [Fact]
    public void ThePartnershipMeetingsNotice_IsItsOwn_AcrossTheSpringClockChange()
    {
        // 21 days before 8 April 2027 is 18 March, before summer time starts (28 March): the end of that day in Oslo is 23:00 UTC.
        var meeting = new DateOnly(2027, 4, 8);
        Assert.Equal(PapersOut.InTime, AnnouncementRules.Papers(new DateTimeOffset(2027, 3, 18, 23, 0, 0, TimeSpan.Zero), meeting, Ten, 21));
        Assert.Equal(PapersOut.Late, AnnouncementRules.Papers(new DateTimeOffset(2027, 3, 18, 23, 0, 1, TimeSpan.Zero), meeting, Ten, 21));
    }

    [Theory]
    [InlineData(14, 0, true)]
    [InlineData(14, 4, true)] // 4 of 14 is less than a third
    [InlineData(14, 5, false)]
    [InlineData(3, 1, false)] // one of three is a third
    [InlineData(0, 0, false)] // nobody with a vote, nobody to agree
    public void AnUnannouncedCase_MayBeTreated_UnlessAThirdOfThoseWithAVoteObject(int voters, int objections, bool may) =>
        Assert.Equal(may, AnnouncementRules.MayTreat(voters, objections));

    [Fact]
    public void TheMinutesAccount_GivesTheReason_TheRule_AndWhoObjected()
    {
        var names = new Dictionary<string, string> { ["h2"] = "Ola Nordmann" };
        var account = AnnouncementRules.Account(new UnannouncedTreatment("Fristen for høringssvaret går ut før neste møte.", ["h2"]), id => names[id]);
        Assert.Equal("Saken var ikke sendt ut på forhånd. Møtet vedtok å behandle den: Fristen for høringssvaret går ut før neste møte. " + AnnouncementRules.Rule
            + ". Motsatte seg behandlingen: Ola Nordmann.", account);
    }
}
