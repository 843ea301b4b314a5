using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Meetings;

/// <summary>
/// Case numbers over a year of a body's meetings, through the API: a case returned to the secretariat,
/// a meeting moved and a meeting cancelled after its agenda was frozen; no number is given twice.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CaseNumberWalkTests(AppFixture app)
{
    private async Task<List<string>> Freeze(string meetingId)
    {
        using var response = await app.Http.SendAsync(Put($"/api/meetings/{meetingId}/agenda", new { freeze = true }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await Labels(meetingId)).Numbers;
    }

    private async Task<(List<string> Numbers, bool Frozen)> Labels(string meetingId)
    {
        var agenda = await app.GetAsSecretariat<JsonObject>($"/api/meetings/{meetingId}/agenda");
        return (agenda["items"]!.AsArray().Select(i => i!["number"]!.GetValue<string>()).ToList(), agenda["frozen"]!.GetValue<bool>());
    }

    private HttpRequestMessage Put(string url, object body)
    {
        var request = app.AsSecretariat(HttpMethod.Put, url);
        request.Content = JsonContent.Create(body);
        return request;
    }

    [Fact]
    public async Task ReturnedMovedAndCancelled_NoNumberIsGivenTwiceInAYear()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 4));
        var may = await t.AddMeeting(app, new DateOnly(2027, 5, 6));
        var september = await t.AddMeeting(app, new DateOnly(2027, 9, 2));
        var adopted = await t.SubmitCase(app, "Saken som vedtas i mars");
        var returned = await t.SubmitCase(app, "Saken som sendes tilbake i mars");

        // Before anything is frozen the agenda shows the numbers it would get: the year's first.
        Assert.Equal("1/27", (await Labels(t.Meeting.Id.Value)).Numbers[0]);
        var march = await Freeze(t.Meeting.Id.Value);
        Assert.Equal(["1/27", "2/27", "3/27", "4/27", "5/27"], march);
        using (var paper = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/cases/{adopted}/document")))
        {
            // Like the real papers: "Sak 2/27" in the text, "Sak 2-2027" at the head of every page.
            var text = await Poppler.Text(await paper.Content.ReadAsByteArrayAsync());
            Assert.Contains("Sak 2-2027", text, StringComparison.Ordinal);
            Assert.Contains("2/27", text, StringComparison.Ordinal);
        }

        // The summons goes at T − 7 (a decision needs papers sent in advance); then the meeting: one case adopted, one without
        // consensus (the hospital's members against), back to the secretariat and on to May.
        (await app.Http.PostAsJsonAsync("/api/dev/clock", new { now = Functions.Common.Oslo.At(t.Meeting.Date.AddDays(-7), new TimeOnly(8, 0)) })).EnsureSuccessStatusCode();
        app.Clock.Set(Functions.Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        var seated = t.Members.Where(m => m.Role == MemberRole.Member).ToList();
        var present = seated.Select(m => m.Id).ToList();
        var votes = seated.Select(m => new CastVote(m.Id, m.Party == Party.Hospital ? Vote.Against : Vote.For)).ToList();
        Assert.IsType<OutcomeRecording.Result.Recorded>(await app.Service<OutcomeRecording>().Record(t.Meeting.Id,
            new OutcomeRecording.OutcomeInput(present, [new(adopted, ItemResult.Adopted, null, null), new(returned, ItemResult.Adopted, null, votes)], null), default));
        Assert.Equal(may.Id.Value, (await app.GetAsSecretariat<JsonObject>($"/api/cases/{returned}"))["meetingId"]!.GetValue<string>());

        // May is moved to June, gets a case of its own besides the returned one, is frozen, and is then cancelled.
        using (var moved = await app.Http.SendAsync(Put($"/api/meetings/{may.Id}", new { date = "2027-06-10" })))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        await (t with { Meeting = may }).SubmitCase(app, "Sak til junimøtet");
        var mayNumbers = await Freeze(may.Id.Value);
        Assert.Equal(["6/27", "7/27", "8/27", "9/27", "10/27"], mayNumbers);
        using (var cancelled = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Delete, $"/api/meetings/{may.Id}")))
        {
            Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        }

        // September takes the cases of the cancelled meeting, and numbers after every number given.
        var septemberNumbers = await Freeze(september.Id.Value);
        Assert.Equal(["11/27", "12/27", "13/27", "14/27", "15/27"], septemberNumbers);
        var all = march.Concat(mayNumbers).Concat(septemberNumbers).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());

        // The frozen agendas keep their numbers: March as it was summoned.
        Assert.Equal(march, (await Labels(t.Meeting.Id.Value)).Numbers);
    }

    [Fact]
    public async Task AMeetingPastThatWasNeverRunHere_TakesNoNumbers()
    {
        // The body's first meeting run with the app, with a meeting earlier that year held before the app was used.
        var t = await CycleTestBody.Create(app, new DateOnly(2026, 12, 17));
        await app.Service<MeetingStore>().AddMeeting(t.Meeting with { Id = MeetingId.For(t.Body.Code, new DateOnly(2026, 9, 10), MeetingKind.Ordinary), Date = new DateOnly(2026, 9, 10) });
        await t.SubmitCase(app, "Den første saken");

        Assert.Equal("1/26", (await Labels(t.Meeting.Id.Value)).Numbers[0]);
        Assert.Equal("1/26", (await Freeze(t.Meeting.Id.Value))[0]);
    }

    [Fact]
    public async Task AYearNumberedBeforeTheSeriesWasKept_GoesOnAfterItsFrozenAgendas()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 18));
        var later = await t.AddMeeting(app, new DateOnly(2027, 5, 20));

        // As the first release froze an agenda: a row with its first number and its cases, no series row.
        var agendas = await app.Storage.Table(StorageNames.Agendas);
        await agendas.UpsertEntityAsync(new TableEntity("agenda", t.Meeting.Id.Value)
        {
            ["Frozen"] = true,
            ["FrozenAt"] = AppFixture.Start,
            ["FrozenBy"] = "sekretariatet",
            ["Order"] = "[\"CASE-A\",\"CASE-B\"]",
            ["FirstNumber"] = 4,
        });
        Assert.Equal("9/27", (await Freeze(later.Id.Value))[0]);
    }
}
