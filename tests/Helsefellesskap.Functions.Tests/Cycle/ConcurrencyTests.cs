using System.Text.Json;
using Azure.Data.Tables;
using CsCheck;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>Requests that arrive at the same moment: absences, outcome recordings, approvals, each with ticks; whatever the interleaving, each is recorded once and each email goes once.</summary>
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
    public async Task AbsencesReportedAtOnce_AreEachRecordedOnce_AndNoDeputyStandsInTwice()
    {
        var (absences, outbox, day) = (app.Service<Absences>(), app.Service<Functions.Email.EmailOutbox>(), 0);
        await Gen.Select(Gen.Int[2, 9], Gen.Int[0, 2], Gen.Int).SampleAsync(async draw =>
        {
            var (count, twice, seed) = draw;
            var t = await CycleTestBody.Create(app, new DateOnly(2028, 9, 7).AddDays(7 * day++));
            var members = t.Members.Where(m => m.Role == MemberRole.Member).ToArray();
            new Random(seed).Shuffle(members);
            var absent = members.Take(count).ToList();

            // Some report twice at the same moment (the link clicked twice, the secretariat and the member at once).
            var outcomes = await Task.WhenAll(absent.Concat(absent.Take(twice)).Select(m => absences.Report(t.Meeting.Id, m.Id, "Sykdom")));

            var recorded = outcomes.Cast<Absences.Outcome.Recorded>().ToList();
            Assert.All(recorded.GroupBy(r => r.Member.Id), g => Assert.Single(g.Select(r => r.StandIn?.Id).Distinct()));
            var stored = await absences.For(t.Meeting.Id);
            Assert.Equal(absent.Select(m => m.Id).Order(StringComparer.Ordinal), stored.Select(a => a.MemberId).Order(StringComparer.Ordinal));
            var standIns = stored.Select(a => a.StandInId).OfType<string>().ToList();
            Assert.Equal(standIns.Count, standIns.Distinct().Count());
            Assert.DoesNotContain(standIns, absent.Select(m => m.Id).Contains);
            Assert.Equal(stored.Select(a => a.StandInId), stored.Select(a => recorded.First(r => r.Member.Id == a.MemberId).StandIn?.Id));

            // Each absent member and the secretariat are told once; nobody else.
            await app.WorkAfterAnswers();
            foreach (var m in t.Members)
            {
                var told = await outbox.StateOf(Functions.Email.MessageIds.AbsenceConfirmation(t.Meeting.Id, m.Id));
                Assert.Equal(absent.Contains(m), told == Functions.Email.EmailOutbox.State.Sent);
                Assert.Equal(absent.Contains(m), await outbox.StateOf(Functions.Email.MessageIds.AbsenceNotice(t.Meeting.Id, m.Id)) is not null);
            }
        }, iter: 6, threads: 1);
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

    /// <summary>
    /// Outcome recordings and ticks at once, drawn at random (CsCheck prints the seed of a failure): each recording
    /// brings the draft step forward and may run it; whatever the interleaving, the draft goes once to each recipient,
    /// as version 1, by the time the last of them has answered.
    /// </summary>
    [Fact]
    public async Task OutcomesRecordedAndTicksAtOnce_SendTheDraftOnce()
    {
        var day = 0;
        await Gen.Select(Gen.Int[2, 4], Gen.Int[0, 2]).SampleAsync(async draw =>
        {
            var (recordings, ticks) = draw;
            app.Clock.Set(AppFixture.Start); // each draw's case is submitted before its meeting's deadline
            var (t, caseId) = await HeldWithADiscussionCase(new DateOnly(2028, 4, 6).AddDays(7 * day++));
            var input = new OutcomeRecording.OutcomeInput(t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList(), [new OutcomeRecording.ItemInput(caseId, null, null, null)], null);
            var runner = app.Service<CycleRunner>();
            var recorded = Enumerable.Range(0, recordings).Select(_ => app.Service<OutcomeRecording>().Record(t.Meeting.Id, input, default)).ToList();
            await Task.WhenAll(recorded.Cast<Task>().Concat(Enumerable.Range(0, ticks).Select(_ => (Task)runner.Tick())));
            Assert.All(recorded, r => Assert.True(r.Result is OutcomeRecording.Result.Recorded, r.Result is OutcomeRecording.Result.Invalid i ? string.Join(" ", i.Errors.Messages) : r.Result.ToString()));

            var outbox = await app.Storage.Table(StorageNames.Outbox);
            var drafts = new List<string>();
            await foreach (var e in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == "email"))
            {
                if (e.GetString("MessageId") is { } id && id.StartsWith("minutes-draft-v", StringComparison.Ordinal) && id.Contains($".{t.Meeting.Id}.", StringComparison.Ordinal))
                {
                    drafts.Add(id);
                }
            }

            var state = await app.Service<MinutesStore>().Get(t.Meeting.Id);
            var steps = string.Join("; ", (await app.Service<CycleStore>().StepsOf(t.Meeting.Id)).Select(s => $"{s.Step} {s.Status} {s.PlannedAt:O} {s.RetryAt:O} {s.Outcome}"));
            Assert.True(state.DraftVersion == 1, $"version {state.DraftVersion}, now {app.Clock.GetUtcNow():O}: {steps}");
            Assert.NotEmpty(drafts);
            Assert.All(drafts, d => Assert.StartsWith("minutes-draft-v1.", d));
            Assert.Equal(drafts.Count, drafts.Distinct().Count());
            var expected = t.Members.Count(m => m.ReceivesExemptPapers || input.Present!.Contains(m.Id));
            Assert.Equal(expected, drafts.Count);
        }, iter: 4, threads: 1);
    }

    [Fact]
    public async Task ApprovalsAndTicksAtOnce_PublishTheMinutesOnce_AndTellEveryoneOnce()
    {
        var day = 0;
        await Gen.Select(Gen.Int[1, 3], Gen.Int[0, 2]).SampleAsync(async draw =>
        {
            var (approvals, ticks) = draw;
            app.Clock.Set(AppFixture.Start);
            var (t, caseId) = await HeldWithADiscussionCase(new DateOnly(2028, 10, 5).AddDays(7 * day++));
            var input = new OutcomeRecording.OutcomeInput(t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList(), [new OutcomeRecording.ItemInput(caseId, null, null, null)], null);
            Assert.IsType<OutcomeRecording.Result.Recorded>(await app.Service<OutcomeRecording>().Record(t.Meeting.Id, input, default));
            var runner = app.Service<CycleRunner>();
            app.Clock.Set(app.Clock.GetUtcNow().AddHours(1).AddMinutes(1));
            await runner.Tick(); // the draft goes

            // The secretariat approves, in two tabs or with a double click, while the ticker runs.
            var approved = Enumerable.Range(0, approvals).Select(_ => app.Service<SecretariatMinutes>().Approve(t.Meeting.Id, default)).ToList();
            await Task.WhenAll(approved.Cast<Task>().Concat(Enumerable.Range(0, ticks).Select(_ => (Task)runner.Tick())));
            Assert.All(approved, a => Assert.IsType<SecretariatMinutes.Result.Done>(a.Result));

            await app.Service<Functions.Email.EmailOutbox>().SendPending();

            var state = await app.Service<MinutesStore>().Get(t.Meeting.Id);
            Assert.NotNull(state.PublishedUrl);
            var published = Assert.Single(await app.Service<Functions.Publication.PublicationStore>().List(t.Body.Code, default), p => p.MeetingId == t.Meeting.Id.Value);
            Assert.Equal(state.PublishedUrl, published.MinutesUrl);
            Assert.Empty(published.Corrections ?? []);

            // Each member and deputy one approved-minutes email, each partner web editor one announcement, all sent.
            var outbox = await app.Storage.Table(StorageNames.Outbox);
            var sent = new List<string>();
            await foreach (var e in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == "email"))
            {
                if (e.GetString("MessageId") is { } id && id.Contains($".{t.Meeting.Id}", StringComparison.Ordinal) && id.Split('.')[0] is "minutes-approved" or "published")
                {
                    Assert.Equal("Sent", e.GetString("State"));
                    sent.Add(id);
                }
            }

            Assert.Equal(t.Members.Count(m => m.ReceivesExemptPapers) + 2, sent.Count); // two partner contacts in the test settings
        }, iter: 3, threads: 1);
    }
}
