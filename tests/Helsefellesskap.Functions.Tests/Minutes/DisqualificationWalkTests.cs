using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using MimeKit;
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

    private async Task<MimeMessage> Email(string name)
    {
        using var response = await app.Http.GetAsync($"/api/dev/outbox/{name}.eml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await MimeMessage.LoadAsync(await response.Content.ReadAsStreamAsync());
    }

    private static string Field(string html, string name) => Regex.Match(html, $"name=\"{name}\" value=\"([^\"]+)\"").Groups[1].Value;

    [Fact]
    public async Task DeclaredAheadThroughThePersonalLink_TheSecretariatIsTold_AndTheOutcomeTakesIt_UnlessTheMeetingSaysOtherwise()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 4, 6));
        var plain = await t.SubmitCase(app, "Avtale med legevaktsamarbeidet der medlemmet er styreleder");
        var other = await t.SubmitCase(app, "Felles rutine for utskrivning");
        var summons = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        (await app.Http.PostAsJsonAsync("/api/dev/clock", new { now = summons })).EnsureSuccessStatusCode();

        // The summons of a member carries the link; an observer's does not (no vote, nothing to leave).
        var link = Regex.Match((await Email($"summons.{t.Meeting.Id}.k1")).TextBody ?? "", @"https?://\S+/api/inhabil/\S+").Value;
        Assert.NotEmpty(link);
        Assert.DoesNotContain("/api/inhabil/", (await Email($"summons.{t.Meeting.Id}.o1")).TextBody);

        using var page = await app.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Meld inhabilitet", html);
        Assert.Contains("Avtale med legevaktsamarbeidet der medlemmet er styreleder", html);
        var (token, expires) = (Field(html, "token"), Field(html, "utloper"));

        // A case that is not on this meeting's agenda is refused, and nothing is stored.
        var path = new Uri(link).AbsolutePath;
        using (var wrong = await app.Http.PostAsync(path, new FormUrlEncodedContent([new("utloper", expires), new("token", token), new("case", "HFH-0000-ukjent")])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        Assert.Empty(await app.Service<DisqualificationNotices>().For(t.Meeting.Id));
        using (var forged = await app.Http.PostAsync(path, new FormUrlEncodedContent([new("utloper", expires), new("token", token + "x"), new("case", plain)])))
        {
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        using (var declared = await app.Http.PostAsync(path, new FormUrlEncodedContent([new("utloper", expires), new("token", token), new("case", plain), new($"grunn-{plain}", "Jeg er styreleder i legevaktsamarbeidet.")])))
        {
            Assert.Equal(HttpStatusCode.OK, declared.StatusCode);
            Assert.Contains("meldt inhabil i sak", await declared.Content.ReadAsStringAsync());
        }

        var notices = await app.Http.GetFromJsonAsync<List<Functions.Email.DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix=disqualification-notice.{t.Meeting.Id}.k1.", Json.Options);
        var notice = await Email(Path.GetFileNameWithoutExtension(Assert.Single(notices!).Name));
        Assert.Equal(["sekretariat@example.org"], notice.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("Jeg er styreleder i legevaktsamarbeidet.", notice.TextBody);

        // On the day: the Møtet form has her ticked, with the grounds; the outcome without a word on it takes the notice.
        app.Clock.Set(Functions.Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        using (var request = new HttpRequestMessage(HttpMethod.Get, Functions.Workspace.WorkspacePaths.Meeting(t.Meeting.Id)))
        {
            request.Headers.Add("Cookie", Workspace.WorkspaceSession.Secretariat(app.App.Services));
            using var screen = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
            var form = await screen.Content.ReadAsStringAsync();
            Assert.Matches($"name=\"disqualified-{plain}\" value=\"k1\" checked", form);
            Assert.Contains("(meldt på forhånd: Jeg er styreleder i legevaktsamarbeidet.)", form);
        }

        var members = t.Members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
        List<string> present = [.. members, "k1-vara"];
        var recording = app.Service<OutcomeRecording>();
        var taken = Assert.IsType<OutcomeRecording.Result.Recorded>(await recording.Record(t.Meeting.Id, new(present, [new(plain, null, null, null), new(other, null, null, null)], null), default));
        Assert.Equal(["k1"], taken.Outcome.Items.Single(i => i.CaseId == plain).Disqualified);
        Assert.Null(taken.Outcome.Items.Single(i => i.CaseId == other).Disqualified);

        // The meeting decides (forvaltningsloven § 8): it found her not disqualified, and says so with an empty list.
        var overruled = Assert.IsType<OutcomeRecording.Result.Recorded>(await recording.Record(t.Meeting.Id, new(present, [new(plain, null, null, null, Disqualified: []), new(other, null, null, null)], null), default));
        Assert.Empty(overruled.Outcome.Items.Single(i => i.CaseId == plain).Disqualified ?? []);

        // Once the outcome is recorded, the link no longer changes anything.
        using var late = await app.Http.PostAsync(path, new FormUrlEncodedContent([new("utloper", expires), new("token", token), new("case", other)]));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal([plain], (await app.Service<DisqualificationNotices>().For(t.Meeting.Id)).Select(n => n.CaseId));
    }
}
