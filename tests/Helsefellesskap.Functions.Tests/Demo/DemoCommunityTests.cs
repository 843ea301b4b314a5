using Helsefellesskap.Functions.Demo;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Demo;

[Collection(AppCollection.Name)]
[OwnTime]
public sealed class DemoCommunityTests(AppFixture app)
{
    [Fact]
    public async Task Seed_IsIdempotent()
    {
        app.Clock.Set(AppFixture.Start);
        var store = app.Service<MeetingStore>();
        var before = (await store.Members("ssu")).Count + (await store.Plan("ssu")).Count;
        await app.Service<DemoCommunity>().Seed();
        await app.Service<DemoCommunity>().Seed();
        Assert.Equal(before, (await store.Members("ssu")).Count + (await store.Plan("ssu")).Count);
    }

    [Fact]
    public async Task Ssu_HasSevenPlusSevenMembers_WithDeputies()
    {
        var members = await app.Service<MeetingStore>().Members("ssu");
        var voting = members.Where(m => m.Role == MemberRole.Member).ToList();
        Assert.Equal(7, voting.Count(m => m.Party == Party.Municipalities));
        Assert.Equal(7, voting.Count(m => m.Party == Party.Hospital));

        // Every municipal member has a personal deputy; the hospital has an ordered list.
        var personal = members.Where(m => m.Role == MemberRole.Deputy && m.DeputyFor is not null).Select(m => m.DeputyFor).ToHashSet();
        Assert.All(voting.Where(m => m.Party == Party.Municipalities), m => Assert.Contains(m.Id, personal));
        var hospitalList = members.Where(m => m.Role == MemberRole.Deputy && m.Party == Party.Hospital).Select(m => m.DeputyOrder).ToList();
        Assert.Equal([1, 2, 3], hospitalList.Order());

        Assert.Contains(members, m => m.Role == MemberRole.SpeakingRight);
        Assert.Contains(members, m => m.Role == MemberRole.Observer);
        Assert.All(members, m => Assert.EndsWith("@example.org", m.Email));
    }

    [Fact]
    public async Task MeetingPlan_HasSixMeetingsThisYearAndNext()
    {
        var plan = await app.Service<MeetingStore>().Plan("ssu");
        Assert.Equal(6, plan.Count(m => m.Date.Year == 2026));
        Assert.Equal(6, plan.Count(m => m.Date.Year == 2027));
        Assert.All(plan, m => Assert.Equal(DayOfWeek.Thursday, m.Date.DayOfWeek));
    }

    [Fact]
    public void Municipalities_AreTheSeventeenOfHelgeland() =>
        Assert.Equal(17, DemoCommunity.Municipalities.Distinct().Count());
}
