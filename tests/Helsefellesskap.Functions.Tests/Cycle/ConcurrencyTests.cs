using System.Text.Json;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>Requests that arrive at the same moment: each absence gets its own deputy; an outcome recorded thrice at once spawns one decision case.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class ConcurrencyTests(AppFixture app)
{
    [Fact]
    public async Task ThreeAbsencesAtOnce_GetThreeDifferentDeputies()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 2, 10));
        var absences = app.Service<Absences>();

        var outcomes = await Task.WhenAll(new[] { "h1", "h2", "h3" }.Select(m => absences.Report(t.Meeting.Id, m, "Sykdom")));

        var standIns = outcomes.Cast<Absences.Outcome.Recorded>().Select(r => r.StandIn?.Id).ToList();
        Assert.Equal(3, standIns.OfType<string>().Distinct().Count());
        Assert.Equal(3, (await absences.For(t.Meeting.Id)).Count);
    }

    /// <summary>A meeting held with one discussion case on its summoned agenda; the clock on the meeting afternoon.</summary>
    private async Task<(CycleTestBody Body, string CaseId)> HeldWithADiscussionCase(DateOnly date)
    {
        var t = await CycleTestBody.Create(app, date);
        var discussion = Submissions.Valid("Drøfting som skal bli vedtakssak");
        discussion["body"] = t.Body.Code;
        discussion["kind"] = "discussion";
        var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(discussion));
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var caseId = json.RootElement.GetProperty("id").GetString()!;
        app.Clock.Set(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
        await app.Service<CycleRunner>().Tick();
        app.Clock.Set(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        return (t, caseId);
    }

    private static OutcomeRecording.OutcomeInput SpawningInput(CycleTestBody t, string caseId) =>
        new(t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList(), [new OutcomeRecording.ItemInput(caseId, null, null, null, SpawnDecisionCase: true)], null);

    [Fact]
    public async Task AnOutcomeRecordedThriceAtOnce_SpawnsOneDecisionCase()
    {
        var (t, caseId) = await HeldWithADiscussionCase(new DateOnly(2028, 3, 9));
        var input = SpawningInput(t, caseId);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.Service<OutcomeRecording>().Record(t.Meeting.Id, input, default)));

        var spawned = results.Cast<OutcomeRecording.Result.Recorded>().Select(r => r.Outcome.Items.Single().DecisionCaseId).Distinct().ToList();
        var decisionCase = Assert.Single(spawned);
        var all = await app.Service<CaseStore>().List(t.Body.Code, null);
        Assert.Single(all, c => c.StatusReason?.StartsWith("Beslutningssak etter drøfting", StringComparison.Ordinal) == true);
        Assert.Contains(all, c => c.Id == decisionCase);
    }

    [Fact]
    public async Task ARecordingThatDiedAfterClaimingTheDecisionCase_IsCompletedByTheNext()
    {
        var (t, caseId) = await HeldWithADiscussionCase(new DateOnly(2028, 3, 16));

        // The first recording claimed the decision case's reference and died before storing the case.
        var claimed = await app.Service<MinutesStore>().ClaimDecisionCase(t.Meeting.Id, caseId, "HFH-2028-9001");
        Assert.Null(await app.Service<CaseStore>().Find(claimed));

        var result = Assert.IsType<OutcomeRecording.Result.Recorded>(await app.Service<OutcomeRecording>().Record(t.Meeting.Id, SpawningInput(t, caseId), default));

        Assert.Equal(claimed, result.Outcome.Items.Single().DecisionCaseId);
        var decision = await app.Service<CaseStore>().Find(claimed);
        Assert.NotNull(decision);
        Assert.Equal((CaseKind.Decision, CaseStatus.Received), (decision.Kind, decision.Status));
    }
}
