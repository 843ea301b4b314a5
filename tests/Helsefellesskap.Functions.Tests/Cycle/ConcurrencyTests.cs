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

    [Fact]
    public async Task AnOutcomeRecordedThriceAtOnce_SpawnsOneDecisionCase()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 3, 9));
        var discussion = Submissions.Valid("Drøfting som skal bli vedtakssak");
        discussion["body"] = t.Body.Code;
        discussion["kind"] = "discussion";
        var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(discussion));
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var caseId = json.RootElement.GetProperty("id").GetString()!;
        app.Clock.Set(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
        await app.Service<CycleRunner>().Tick();
        app.Clock.Set(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));

        var present = t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
        var input = new OutcomeRecording.OutcomeInput(present, [new OutcomeRecording.ItemInput(caseId, null, null, null, SpawnDecisionCase: true)], null);
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.Service<OutcomeRecording>().Record(t.Meeting.Id, input, default)));

        var spawned = results.Cast<OutcomeRecording.Result.Recorded>().Select(r => r.Outcome.Items.Single().DecisionCaseId).Distinct().ToList();
        var decisionCase = Assert.Single(spawned);
        var all = await app.Service<CaseStore>().List(t.Body.Code, null);
        Assert.Single(all, c => c.StatusReason?.StartsWith("Beslutningssak etter drøfting", StringComparison.Ordinal) == true);
        Assert.Contains(all, c => c.Id == decisionCase);
    }
}
