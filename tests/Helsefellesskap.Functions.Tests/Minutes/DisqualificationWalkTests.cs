using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Minutes;

/// <summary>
/// "A member who is disqualified for a case (forvaltningsloven § 6) leaves that case's vote and quorum count, the deputy
/// steps in where the rules say so, and the minutes state it."
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class DisqualificationWalkTests(AppFixture app)
{
    [Fact]
    public async Task ADisqualifiedMember_LeavesTheCase_TheirDeputyVotes_AndTheMinutesSaySo()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 3, 9));
        var plain = await t.SubmitCase(app, "Avtale med kommunen der medlemmet er rådmann");
        var other = await t.SubmitCase(app, "Felles rutine for utskrivning");
        var summons = Functions.Cycle.CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == Functions.Cycle.CycleStep.Summons).DueAt;
        app.Clock.Set(summons);
        await app.Service<Functions.Cycle.CycleRunner>().Advance(t.Meeting.Id, summons);
        app.Clock.Set(Functions.Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));

        var members = t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
        List<string> present = [.. members, "k1-vara"];
        var recording = app.Service<OutcomeRecording>();
        OutcomeRecording.OutcomeInput Input(params OutcomeRecording.ItemInput[] items) => new(present, items, null);

        // Kari Nordli (k1) is disqualified in the first case: she cannot vote in it; her personal deputy, present, can.
        var voted = await recording.Record(t.Meeting.Id, Input(new(plain, null, null, [new CastVote("k1", Vote.For)], Disqualified: ["k1"]), new(other, null, null, null)), default);
        Assert.Contains("hadde ikke stemmerett i saken", string.Join(" ", Assert.IsType<OutcomeRecording.Result.Invalid>(voted).Errors.Messages));

        // Four of the hospital's seven disqualified, no deputy in their place: the case has no quorum and cannot be adopted.
        var noQuorum = await recording.Record(t.Meeting.Id, Input(new(plain, null, null, null, Disqualified: ["h1", "h2", "h3", "h4"]), new(other, null, null, null)), default);
        Assert.Contains("ikke vedtaksført", string.Join(" ", Assert.IsType<OutcomeRecording.Result.Invalid>(noQuorum).Errors.Messages));
        Assert.Null((await app.Service<DraftCirculation>().State(t.Meeting.Id, default)).Outcome);

        var deputyVotes = members.Where(m => m != "k1").Select(m => new CastVote(m, Vote.For)).Append(new CastVote("k1-vara", Vote.Against)).ToList();
        var recorded = Assert.IsType<OutcomeRecording.Result.Recorded>(await recording.Record(t.Meeting.Id,
            Input(new(plain, null, null, deputyVotes, Disqualified: ["k1"]), new(other, null, null, null)), default));
        var item = recorded.Outcome.Items.Single(i => i.CaseId == plain);
        Assert.Equal((ItemResult.Adopted, true), (item.Result, item.Consensus));
        Assert.Equal(["k1"], item.Disqualified);
        Assert.Null(recorded.Outcome.Items.Single(i => i.CaseId == other).Disqualified);

        var draft = await app.Service<DraftCirculation>().Preview(t.Meeting, t.Body, default);
        var text = System.Text.RegularExpressions.Regex.Replace(await Poppler.Text(draft!), @"\s+", " ");
        Assert.Contains($"{t.Members.Single(m => m.Id == "k1").Name} fratrådte som inhabil, jf. forvaltningsloven § 6.", text);
    }
}
