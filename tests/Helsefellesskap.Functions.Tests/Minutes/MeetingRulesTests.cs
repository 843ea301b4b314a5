using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Minutes;

/// <summary>Stand-ins, quorum, consensus and each item's result as the statutes read (docs/rules.md).</summary>
public sealed class MeetingRulesTests
{
    private static readonly IReadOnlyList<Member> Members = Presets.SsuMembers.ToList();
    private static readonly Dictionary<string, string> NoStandIns = [];

    private static HashSet<string> Present(params string[] ids) => [.. ids];

    private static readonly string[] AllMunicipal = ["k1", "k2", "k3", "k4", "k5", "k6", "k7"];

    [Fact]
    public void ADeputy_StandsInForTheirOwnMember_WhenTheMemberIsAbsent()
    {
        var standIns = MeetingRules.StandIns(Members, Present("k2", "k3", "k1-vara"));
        Assert.Equal("k1", standIns["k1-vara"]);
    }

    [Fact]
    public void ADeputy_DoesNotVote_WhenTheirMemberIsPresent()
    {
        var present = Present("k1", "k1-vara");
        var standIns = MeetingRules.StandIns(Members, present);
        Assert.Empty(standIns);
        Assert.DoesNotContain("k1-vara", MeetingRules.Voters(Members, present, standIns));
    }

    [Fact]
    public void HospitalDeputies_StandInInListOrder_ForTheAbsentHospitalMembers()
    {
        var standIns = MeetingRules.StandIns(Members, Present("h1", "h2", "h3", "h4", "h5", "h-vara1", "h-vara2"));
        Assert.Equal(["h6", "h7"], new[] { standIns["h-vara1"], standIns["h-vara2"] }.Order());
    }

    [Fact]
    public void ObserversAndSpeakingRight_DoNotVote()
    {
        var present = Present([.. AllMunicipal, .. Members.Where(m => m.Role is MemberRole.Observer or MemberRole.SpeakingRight).Select(m => m.Id)]);
        Assert.Equal(AllMunicipal.Order(), MeetingRules.Voters(Members, present, MeetingRules.StandIns(Members, present)).Order());
    }

    [Fact]
    public void NoConsensus_SendsTheCaseBackToTheSecretariat()
    {
        Assert.Equal(ItemResult.Returned, MeetingRules.Result(CaseKind.Decision, ItemResult.Adopted, consensus: false));
        Assert.Equal(ItemResult.Returned, MeetingRules.Result(CaseKind.Decision, ItemResult.AdoptedWithChanges, consensus: false));
    }

    [Fact]
    public void ACaseIsAdopted_AndAnInformationCaseTakenAsInformation_UnlessRecordedOtherwise()
    {
        Assert.Equal(ItemResult.Adopted, MeetingRules.Result(CaseKind.Decision, null, consensus: true));
        Assert.Equal(ItemResult.TakenAsInformation, MeetingRules.Result(CaseKind.Information, null, consensus: true));
        Assert.Equal(ItemResult.Postponed, MeetingRules.Result(CaseKind.Decision, ItemResult.Postponed, consensus: false));
    }

    [Fact]
    public void TheDecision_IsTheProposalWithItsPointsNumbered_WhenNoneWasWritten() =>
        Assert.Equal("1. Rutinen vedtas.\n2. Den evalueres etter ett år.", MeetingRules.DefaultDecision(["Rutinen vedtas.", "Den evalueres etter ett år."]));

    [Fact]
    public void Quorum_NeedsHalfOfEachParty()
    {
        Assert.True(MeetingRules.HasQuorum(Members, Present([.. AllMunicipal.Take(4), "h1", "h2", "h3", "h4"]), NoStandIns));
        Assert.False(MeetingRules.HasQuorum(Members, Present([.. AllMunicipal, "h1", "h2", "h3"]), NoStandIns)); // 3 of 7 from the hospital
        Assert.False(MeetingRules.HasQuorum(Members, Present("k1", "k2", "k3", "h1", "h2", "h3", "h4", "h5", "h6", "h7"), NoStandIns));
    }

    [Fact]
    public void Quorum_CountsADeputyForTheMemberTheyReplace()
    {
        var standIns = new Dictionary<string, string> { ["h-vara1"] = "h4" };
        Assert.True(MeetingRules.HasQuorum(Members, Present([.. AllMunicipal, "h1", "h2", "h3", "h-vara1"]), standIns));
    }

    private static Party? PartyOf(string id) => Members.Single(m => m.Id == id).Party;

    [Fact]
    public void Consensus_IsAMajorityOfVotesInBothParties()
    {
        CastVote[] votes = [new("k1", Vote.For), new("k2", Vote.For), new("k3", Vote.Against), new("h1", Vote.For), new("h2", Vote.Against), new("h3", Vote.For)];
        Assert.True(MeetingRules.HasConsensus(votes, PartyOf));
    }

    [Fact]
    public void NoMajorityInOneParty_IsNoConsensus_EvenWithAMajorityOverall()
    {
        CastVote[] votes = [new("k1", Vote.For), new("k2", Vote.For), new("k3", Vote.For), new("k4", Vote.For), new("h1", Vote.For), new("h2", Vote.Against), new("h3", Vote.Against)];
        Assert.False(MeetingRules.HasConsensus(votes, PartyOf));
    }

    [Fact]
    public void EqualVotesInAParty_IsNoMajority()
    {
        CastVote[] votes = [new("k1", Vote.For), new("k2", Vote.Against), new("h1", Vote.For)];
        Assert.False(MeetingRules.HasConsensus(votes, PartyOf));
    }

    [Fact]
    public void NoVotesRecorded_IsAUnanimousDecision() => Assert.True(MeetingRules.HasConsensus([], PartyOf));

    [Fact]
    public void LatestDraftDay_LeavesFourWorkingDaysBeforePublication()
    {
        // Meeting Thursday 11 Feb 2027: published by Thursday 18 Feb; the draft must go by Friday 12 Feb.
        var meeting = new Meeting(MeetingId.Parse("ssu-2027-02-11"), "ssu", new DateOnly(2027, 2, 11), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);
        Assert.Equal(new DateOnly(2027, 2, 12), MeetingRules.LatestDraftDay(meeting, new BodyRules()));
        Assert.Equal(new DateOnly(2027, 2, 12), MeetingRules.LatestDraftDay(meeting with { Date = new DateOnly(2027, 2, 11) }, new BodyRules()));
    }

    [Fact]
    public void OverEaster_ThePublicationDeadlineCannotBeMet()
    {
        // Meeting Tuesday 23 March 2027: 25, 26 and 29 March are holidays, so no draft sent after the meeting is approved by 30 March.
        var meeting = new Meeting(MeetingId.Parse("ssu-2027-03-23"), "ssu", new DateOnly(2027, 3, 23), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);
        Assert.Null(MeetingRules.LatestDraftDay(meeting, new BodyRules()));
    }

    [Fact]
    public void Over17May_TheWindowSkipsTheHoliday()
    {
        // Meeting Thursday 13 May 2027: published by 20 May; 17 May (Monday) is no working day, so the draft must go on the meeting day.
        var meeting = new Meeting(MeetingId.Parse("ssu-2027-05-13"), "ssu", new DateOnly(2027, 5, 13), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);
        Assert.Equal(new DateOnly(2027, 5, 13), MeetingRules.LatestDraftDay(meeting, new BodyRules()));
    }
}
