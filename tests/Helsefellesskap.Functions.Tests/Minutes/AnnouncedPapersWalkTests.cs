using System.Net;
using System.Net.Http.Json;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Minutes;

/// <summary>
/// "The committee cannot decide a case that was not announced and sent out in advance": a decision on papers that never
/// went out, or went out after the body's notice, is refused naming the case, unless the meeting agreed to treat it, which
/// is recorded (the reason, who objected, the rule) in the outcome, the minutes and the compliance timeline.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class AnnouncedPapersWalkTests(AppFixture app)
{
    private static readonly string[] Present = ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "h1", "h2", "h3", "h4", "h5", "h6", "h7"];

    private async Task Clock(DateTimeOffset now) => (await app.Http.PostAsJsonAsync("/api/dev/clock", new { now })).EnsureSuccessStatusCode();

    private async Task<HttpResponseMessage> Outcome(CycleTestBody t, object item)
    {
        var request = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome");
        request.Content = JsonContent.Create(new { present = Present, items = new[] { item } }, options: Json.Options);
        return await app.Http.SendAsync(request);
    }

    [Fact]
    public async Task ASummonsThatNeverWentOut_RefusesADecision_UntilTheMeetingsAgreementIsRecorded_AndTheArchiveWouldNotCallItSent()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 12, 9));
        var plain = await t.SubmitCase(app, "Felles rutine for utskrivning");

        // The secretariat froze the agenda, but time passed the summons and the meeting began: the summons never went.
        var freeze = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/agenda");
        freeze.Content = JsonContent.Create(new { freeze = true });
        Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(freeze)).StatusCode);
        await Clock(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        Assert.Null(await app.Service<Functions.Meetings.IMeetingCycle>().SummonsSentAt(t.Meeting.Id));

        // Adopted as proposed: refused, naming the case and what is missing; nothing stored.
        using (var refused = await Outcome(t, new { @case = plain }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Innkallingen med sakspapirene ble aldri sendt ut, så saken «Felles rutine for utskrivning» kan ikke få vedtak", problem);
        }

        // An agreement without a reason, or with a third of those with a vote objecting (5 of 14), is refused too.
        using (var noReason = await Outcome(t, new { @case = plain, unannounced = new { reason = " ", objections = Array.Empty<string>() } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("items[0].unannounced.reason", await noReason.Content.ReadAsStringAsync());
        }

        using (var objected = await Outcome(t, new { @case = plain, unannounced = new { reason = "Haster", objections = new[] { "k1", "k2", "h1", "h2", "h3" } } }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, objected.StatusCode);
            Assert.Contains("5 av 14 stemmeberettigede motsatte seg behandlingen", await objected.Content.ReadAsStringAsync());
        }

        Assert.Null((await app.Service<DraftCirculation>().State(t.Meeting.Id, default)).Outcome);

        // The meeting agreed, one member objecting: recorded with the decision.
        using var agreed = await Outcome(t, new { @case = plain, unannounced = new { reason = "Rutinen må gjelde fra 1. januar", objections = new[] { "h2" } } });
        Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        var item = Assert.Single((await agreed.Content.ReadFromJsonAsync<MeetingOutcome>(Json.Options))!.Items);
        Assert.Equal((ItemResult.Adopted, "Rutinen må gjelde fra 1. januar"), (item.Result, item.Unannounced!.Reason));
        Assert.Equal(["h2"], item.Unannounced.Objections);

        // The compliance timeline: the summons row missed, the announcement row met by the meeting's agreement, with its reason.
        using var timeline = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/meetings/{t.Meeting.Id}/compliance"));
        var rows = (await timeline.Content.ReadFromJsonAsync<ComplianceTimeline.MeetingView>(Json.Options))!.Rows;
        var announced = Assert.Single(rows, r => r.Requirement == "announced");
        Assert.Equal(ComplianceState.Met, announced.State);
        Assert.Contains("Møtet vedtok å behandle saker som ikke var sendt ut på forhånd", announced.Reason);
        Assert.Contains("Rutinen må gjelde fra 1. januar", announced.Reason);

        // The draft minutes say so under the case, with the rule and who objected.
        var draft = await app.Service<DraftCirculation>().Preview(t.Meeting, t.Body, default);
        var text = System.Text.RegularExpressions.Regex.Replace(await Poppler.Text(draft!), @"\s+", " ");
        Assert.Contains("Sak som ikke var sendt ut på forhånd", text);
        Assert.Contains("Møtet vedtok å behandle den: Rutinen må gjelde fra 1. januar", text);
        Assert.Contains($"Motsatte seg behandlingen: {t.Members.Single(m => m.Id == "h2").Name}", text);

        // Approved and archived: the agenda is filed as what it was, not as a summons sent.
        Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{t.Meeting.Id}/minutes/approve"))).StatusCode);
        using var export = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/bodies/{t.Body.Code}/archive/2027"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync());
        using var structure = zip.GetEntry(Functions.Archive.ArchiveExport.Structure)!.Open();
        System.Xml.Linq.XNamespace n = Functions.Archive.NoarkStructure.Namespace;
        var types = System.Xml.Linq.XDocument.Load(structure).Descendants(n + "moeteregistreringstype").Select(e => e.Value).ToList();
        Assert.Equal(["Saksliste", "Saksframlegg", "Møtebok", "Vedlegg til møtebok"], types);
    }

    [Fact]
    public async Task PapersSentAfterTheNotice_RefuseADecision_ButAPostponementStaysPossible()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 12, 16));
        var plain = await t.SubmitCase(app, "Legevaktsamarbeid på Sør-Helgeland");

        // The app was not running at T − 7: the summons went at T − 3 08:00, when time came back.
        await Clock(Common.Oslo.At(t.Meeting.Date.AddDays(-3), new TimeOnly(8, 0)));
        Assert.NotNull(await app.Service<Functions.Meetings.IMeetingCycle>().SummonsSentAt(t.Meeting.Id));
        await Clock(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));

        using (var refused = await Outcome(t, new { @case = plain }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Innkallingen med sakspapirene gikk ut senere enn 7 dager før møtet", await refused.Content.ReadAsStringAsync());
        }

        // Voted down is no decision either way, but it needs the votes, and votes that carry the proposal are refused.
        using (var noVotes = await Outcome(t, new { @case = plain, result = "notAdopted" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noVotes.StatusCode);
            Assert.Contains("Registrer stemmene når forslaget", await noVotes.Content.ReadAsStringAsync());
        }

        using var postponed = await Outcome(t, new { @case = plain, result = "postponed" });
        Assert.Equal(HttpStatusCode.OK, postponed.StatusCode);
        Assert.Equal(ItemResult.Postponed, Assert.Single((await postponed.Content.ReadFromJsonAsync<MeetingOutcome>(Json.Options))!.Items).Result);
    }
}
