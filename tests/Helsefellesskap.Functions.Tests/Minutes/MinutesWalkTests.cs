using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Minutes;

/// <summary>After the meeting: outcome, draft, approval by silence after 4 working days, publication within 7 days.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class MinutesWalkTests(AppFixture app)
{
    private const string Secret = "HEMMELIG-pasientopplysning-7731";

    private async Task Clock(DateTimeOffset now) => (await app.Http.PostAsJsonAsync("/api/dev/clock", new { now })).EnsureSuccessStatusCode();

    private async Task<List<DevOutboxEndpoints.OutboxEntry>> Outbox(string prefix) =>
        (await app.Http.GetFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix={Uri.EscapeDataString(prefix)}", Json.Options))!.Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private async Task<(CycleTestBody Body, string Plain, string Exempt, string Split)> SummonedMeeting(DateOnly date)
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, date);
        var plain = await t.SubmitCase(app, "Felles rutine for utskrivning");
        var exemptCase = Submissions.Valid("Avtale om pasientforløp for en enkeltpasient");
        exemptCase["body"] = t.Body.Code;
        exemptCase["background"] = $"Opplysninger om pasienten: {Secret}.";
        exemptCase["proposedDecision"] = new JsonArray($"Tiltak for pasienten ({Secret}) godkjennes.");
        exemptCase["exemption"] = new JsonObject { ["legalBasis"] = "offl. § 13", ["reason"] = "Taushetsplikt" };
        var response = await app.Http.PostAsync("/api/cases", Submissions.AsJson(exemptCase));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var exempt = json.RootElement.GetProperty("id").GetString()!;
        var split = await t.SubmitCase(app, "Felles legevakt for Sør-Helgeland");
        await Clock(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
        return (t, plain, exempt, split);
    }

    private async Task<MeetingOutcome> RecordOutcome(CycleTestBody t, string plain, string exempt, string split)
    {
        string[] present = ["k1", "k2", "k3-vara", "k4", "k5", "k6", "k7", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "t1"];
        var request = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome");
        request.Content = JsonContent.Create(new
        {
            present,
            items = new object[]
            {
                new { @case = plain },
                new { @case = exempt, result = "adopted" },
                new { @case = split, votes = new[] { new { memberId = "k1", vote = "for" }, new { memberId = "k2", vote = "for" }, new { memberId = "h1", vote = "against" }, new { memberId = "h2", vote = "against" }, new { memberId = "h3", vote = "for" } } },
            },
            anyOtherBusiness = "Neste møte holdes digitalt.",
        }, options: Json.Options);
        var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MeetingOutcome>(Json.Options))!;
    }

    [Fact]
    public async Task AThursdayMeeting_WhoseOutcomeIsRecordedThatDay_IsPublishedByTheEndOfTPlus7()
    {
        var date = new DateOnly(2027, 11, 4); // Thursday
        var (t, plain, exempt, split) = await SummonedMeeting(date);
        await Clock(new DateTimeOffset(2027, 11, 4, 15, 0, 0, TimeSpan.FromHours(1)));
        await RecordOutcome(t, plain, exempt, split);

        // The draft goes at once, on the meeting day: Friday, Monday, Tuesday, Wednesday are the 4 working days.
        var state = await app.Service<DraftCirculation>().State(t.Meeting.Id, default);
        Assert.Equal(new DateOnly(2027, 11, 10), state.ApprovalDeadline);

        await Clock(new DateTimeOffset(2027, 11, 11, 0, 1, 0, TimeSpan.FromHours(1)));
        state = await app.Service<DraftCirculation>().State(t.Meeting.Id, default);
        Assert.NotNull(state.PublishedUrl);
        Assert.True(state.PublishedAt < new DateTimeOffset(2027, 11, 12, 0, 0, 0, TimeSpan.FromHours(1)), $"published {state.PublishedAt}, after the end of T + 7 d");
    }

    [Fact]
    public async Task AWindowOverEaster_IsWarnedOfAtPlanning_AndApprovalStillFires_ThenPublication()
    {
        var date = new DateOnly(2027, 3, 24); // Wednesday before Maundy Thursday
        var (t, plain, exempt, split) = await SummonedMeeting(date);
        Assert.Single(await Outbox($"publication-at-risk.{t.Meeting.Id}"));

        await Clock(new DateTimeOffset(2027, 3, 24, 15, 0, 0, TimeSpan.FromHours(1)));
        await RecordOutcome(t, plain, exempt, split);
        Assert.Equal(new DateOnly(2027, 4, 2), (await app.Service<DraftCirculation>().State(t.Meeting.Id, default)).ApprovalDeadline);

        // T + 8: publication is due by the plan but waits for approval, which must still come first when its time comes.
        await Clock(new DateTimeOffset(2027, 4, 1, 0, 1, 0, TimeSpan.FromHours(2)));
        Assert.Null((await app.Service<DraftCirculation>().State(t.Meeting.Id, default)).PublishedUrl);
        await Clock(new DateTimeOffset(2027, 4, 3, 0, 1, 0, TimeSpan.FromHours(2)));
        var state = await app.Service<DraftCirculation>().State(t.Meeting.Id, default);
        Assert.StartsWith("stilltiende", state.ApprovedBy);
        Assert.NotNull(state.PublishedUrl);
    }

    [Fact]
    public async Task MinutesApprovedBySilence_ArePublishedWithinSevenDays_WithoutTheExemptText()
    {
        var date = new DateOnly(2027, 9, 23); // Thursday
        var (t, plain, exempt, split) = await SummonedMeeting(date);
        var id = t.Meeting.Id;

        // The day after the meeting, before the outcome is recorded: the cycle waits, tells the secretariat, and warns.
        await Clock(new DateTimeOffset(2027, 9, 24, 8, 0, 0, TimeSpan.FromHours(2)));
        Assert.Single(await Outbox($"minutes-waiting.{id}"));
        var waiting = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{id}/cycle");
        Assert.Contains("Publiseringsfristen er i fare: utkast til referat må sendes senest fredag 24. september 2027.", waiting.Warnings);

        var outcome = await RecordOutcome(t, plain, exempt, split);
        Assert.True(outcome.Quorum);
        Assert.Equal("k3", outcome.StandIns["k3-vara"]);
        var splitOutcome = outcome.Items.Single(i => i.CaseId == split);
        Assert.Equal((ItemResult.Returned, false), (splitOutcome.Result, splitOutcome.Consensus));

        // Draft: to every member and deputy (those absent for their information) and to the speaking-right
        // participant who attended, with the approval deadline: Friday 24 Sep + 4 working days = Thursday 30 Sep.
        await Clock(new DateTimeOffset(2027, 9, 24, 9, 0, 0, TimeSpan.FromHours(2)));
        var drafts = await Outbox($"minutes-draft-v1.{id}.");
        Assert.Equal(t.Members.Count(m => m.Role is Functions.Meetings.MemberRole.Member or Functions.Meetings.MemberRole.Deputy) + 1, drafts.Count);
        Assert.All(drafts, d => Assert.Contains("merknader innen 30.09.2027", d.Subject));
        Assert.Equal(["utkast-til-referat.pdf"], drafts[0].Attachments);

        // Still inside the window on the last day: nothing is approved.
        await Clock(new DateTimeOffset(2027, 9, 30, 23, 0, 0, TimeSpan.FromHours(2)));
        Assert.Null((await app.Service<DraftCirculation>().State(id, default)).ApprovedAt);

        // The window has ended without a change request: approved and published at once.
        await Clock(new DateTimeOffset(2027, 10, 1, 0, 1, 0, TimeSpan.FromHours(2)));
        var state = await app.Service<DraftCirculation>().State(id, default);
        Assert.StartsWith("stilltiende", state.ApprovedBy);
        Assert.NotNull(state.PublishedUrl);
        Assert.True(state.PublishedAt <= new DateTimeOffset(2027, 10, 1, 0, 5, 0, TimeSpan.FromHours(2)), "published after the end of T + 7 d");

        var cycle = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{id}/cycle");
        Assert.All(cycle.Steps.Where(s => s.Step != "DeadlineReminder" && s.Status != StepStatus.Skipped), s => Assert.Equal(StepStatus.Done, s.Status));
        var published = cycle.Steps.Single(s => s.Step == "Publication");
        Assert.True(published.DoneAt <= new DateTimeOffset(2027, 10, 1, 0, 0, 0, TimeSpan.FromHours(2)).AddMinutes(5) && !published.Late);

        // Anyone can fetch the minutes from blob storage, with no key.
        using var anonymous = new HttpClient();
        var pdf = await anonymous.GetByteArrayAsync(state.PublishedUrl);
        var text = await Poppler.Text(pdf);
        Assert.Contains("Referat fra møte i Testutvalg", text);
        Assert.DoesNotContain("UTKAST", text);
        Assert.Contains("Avtale om pasientforløp for en enkeltpasient", text);
        Assert.Contains("Unntatt offentlighet, offl. § 13", text);
        Assert.Contains("Liv Hatten, Alstahaug kommune (vara for Ingrid Sjøvik)", text);
        Assert.Contains("Ikke konsensus. Saken sendes tilbake til sekretariatet for ny behandling.", text);
        Assert.Contains("Godkjent 01.10.2027 uten merknader.", text);

        // No public blob of the meeting holds the exempt text or a submitter's address.
        var container = await app.Storage.Container(StorageNames.PublicContainer);
        var count = 0;
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"helsefellesskap-helgeland/{t.Body.Code}/", default))
        {
            names.Add(blob.Name);
            var content = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
            var blobText = await Poppler.Text(content);
            Assert.DoesNotContain(Secret, blobText);
            Assert.DoesNotContain("ase.odegard@example.org", blobText);
            count++;
        }

        Assert.True(count == 4, string.Join(", ", names)); // the minutes, the agenda, and the two case papers that are not exempt
        var index = await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}");
        Assert.Contains("Avtale om pasientforløp for en enkeltpasient – Unntatt offentlighet, offl. § 13", index);
        Assert.Contains("Felles rutine for utskrivning (PDF)", index);

        // Listed in the feeds and the snippet; the partners' web editors are told.
        var feed = await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}/referater.json");
        Assert.Contains(state.PublishedUrl!, feed);
        Assert.Contains("<entry>", await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}/referater.atom"));
        Assert.Contains(state.PublishedUrl!, await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}/siste.html"));
        Assert.Equal(2, (await Outbox($"published.{id}.")).Count);

        // The case without consensus is back with the secretariat.
        var returned = await app.GetAsSecretariat<Functions.Cases.CaseRecord>($"/api/cases/{split}");
        Assert.Equal(Functions.Cases.CaseStatus.Received, returned.Status);

        // The approved record does not change in place: a new outcome and a file added afterwards are refused, naming the approval.
        var edit = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{id}/outcome");
        edit.Content = JsonContent.Create(new { present = new[] { "k1", "k2", "k4", "k5", "k6", "k7", "h1", "h2", "h3", "h4", "h5", "h6", "h7" }, items = new[] { new { @case = plain, result = "postponed" } } }, options: Json.Options);
        using (var refused = await app.Http.SendAsync(edit))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Referatet er godkjent", problem);
            Assert.Contains("Referatet ble godkjent fredag 1. oktober 2027 kl. 00:0", problem);
        }

        var upload = app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{id}/minutes/files");
        upload.Content = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Pdf("Ettersendt")), "attachments", "Ettersendt.pdf" } };
        Assert.Equal(HttpStatusCode.Conflict, (await app.Http.SendAsync(upload)).StatusCode);
        var after = await app.Service<DraftCirculation>().State(id, default);
        Assert.Equal(JsonSerializer.Serialize(state.Outcome, Json.Options), JsonSerializer.Serialize(after.Outcome, Json.Options));
        Assert.Equal(state.AddedFiles.Count, after.AddedFiles.Count);
        Assert.Equal(ItemResult.Adopted, after.Outcome!.Items.Single(i => i.CaseId == plain).Result);

        // The public page, in a real browser.
        var browser = await app.Browser();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/api/offentlig/{t.Body.Code}");
        Assert.Equal("nb", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(state.PublishedUrl, await page.GetByRole(AriaRole.Link, new() { Name = "Referat (PDF)" }).GetAttributeAsync("href"));
        await context.DisposeAsync();
    }

    [Fact]
    public async Task ChangeRequest_StopsApprovalBySilence_UntilTheSecretariatApproves()
    {
        var date = new DateOnly(2027, 10, 21); // Thursday
        var (t, plain, exempt, split) = await SummonedMeeting(date);
        var id = t.Meeting.Id;

        // On the meeting day the secretariat records the outcome, and the draft goes at once (no "send now" needed;
        // asking for it afterwards says it has gone).
        await Clock(new DateTimeOffset(2027, 10, 21, 15, 0, 0, TimeSpan.FromHours(2)));
        await RecordOutcome(t, plain, exempt, split);
        var now = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{id}/minutes/draft"));
        Assert.Equal(HttpStatusCode.Conflict, now.StatusCode);
        Assert.Contains("allerede sendt", await now.Content.ReadAsStringAsync());
        var sentState = await app.Service<DraftCirculation>().State(id, default);
        Assert.Equal(new DateOnly(2027, 10, 27), sentState.ApprovalDeadline); // Thursday 21 + 4 working days

        var draft = await app.Http.GetAsync($"/api/dev/outbox/minutes-draft-v1.{id}.k1.eml");
        var mail = await MimeKit.MimeMessage.LoadAsync(await draft.Content.ReadAsStreamAsync());
        var link = Regex.Match(mail.TextBody ?? "", @"https?://\S+/api/referat/\S+").Value;
        var page = await app.Http.GetStringAsync(link);
        var token = Regex.Match(page, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value;
        var sent = await app.Http.PostAsync(new Uri(link).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token, ["change"] = "Sak 2: vedtaket gjaldt bare Rana." }));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Single(await Outbox($"minutes-change.{id}.k1"));

        // The window ends: no approval by silence while a change request is open.
        await Clock(new DateTimeOffset(2027, 10, 28, 0, 1, 0, TimeSpan.FromHours(2)));
        Assert.Null((await app.Service<DraftCirculation>().State(id, default)).ApprovedAt);
        var cycle = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{id}/cycle");
        Assert.Contains("Venter på sekretariatet", cycle.Steps.Single(s => s.Step == "Approval").Outcome);

        // The secretariat approves the corrected version: published at once.
        var approve = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{id}/minutes/approve"));
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var state = await app.Service<DraftCirculation>().State(id, default);
        Assert.Equal("sekretariatet", state.ApprovedBy);
        Assert.NotNull(state.PublishedUrl);

        // The personal link says the minutes are approved for 30 days, and then no longer opens.
        Assert.Contains("Referatet er godkjent", await app.Http.GetStringAsync(link));
        await Clock(new DateTimeOffset(2027, 11, 28, 12, 0, 0, TimeSpan.FromHours(1)));
        using var expired = await app.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("Lenken er utløpt", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DiscussionCase_ComesBackAsItsDecisionCase_Once()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 12, 2));
        var discussion = Submissions.Valid("Framtidig legevaktstruktur");
        discussion["body"] = t.Body.Code;
        discussion["kind"] = "discussion";
        var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(discussion));
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var caseId = json.RootElement.GetProperty("id").GetString()!;
        await Clock(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
        await Clock(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));

        async Task<MeetingOutcome> Record()
        {
            var request = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome");
            request.Content = JsonContent.Create(new { present = new[] { "k1", "k2", "k3", "k4", "h1", "h2", "h3", "h4" }, items = new[] { new { @case = caseId, result = "takenAsInformation", spawnDecisionCase = true } } }, options: Json.Options);
            var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<MeetingOutcome>(Json.Options))!;
        }

        var first = await Record();
        var decisionId = first.Items.Single().DecisionCaseId!;
        var decision = await app.GetAsSecretariat<Functions.Cases.CaseRecord>($"/api/cases/{decisionId}");
        Assert.Equal((Functions.Cases.CaseKind.Decision, Functions.Cases.CaseStatus.Received, "Framtidig legevaktstruktur"), (decision.Kind, decision.Status, decision.Title));
        Assert.Equal("Beslutningssak etter drøfting i sak 2/27", decision.StatusReason);

        // Correcting the outcome does not make a second decision case.
        Assert.Equal(decisionId, (await Record()).Items.Single().DecisionCaseId);
    }

    [Fact]
    public async Task ApprovedMinutes_AreCorrectedAsANewVersion_AtTheSameAddress_WithTheEarlierKept_InTheFeedsAndTheArchive()
    {
        var date = new DateOnly(2027, 11, 11); // Thursday
        var (t, plain, exempt, split) = await SummonedMeeting(date);
        var id = t.Meeting.Id;
        await Clock(Common.Oslo.At(date, new TimeOnly(15, 0)));
        var recorded = await RecordOutcome(t, plain, exempt, split);
        Assert.Equal(HttpStatusCode.OK, (await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{id}/minutes/approve"))).StatusCode);
        await Clock(Common.Oslo.At(date, new TimeOnly(15, 5)));
        var approved = await app.Service<DraftCirculation>().State(id, default);
        Assert.NotNull(approved.PublishedUrl);
        using var anonymous = new HttpClient();
        var original = await Poppler.Text(await anonymous.GetByteArrayAsync(approved.PublishedUrl));

        // The decision in the plain case was minuted wrongly: a correction needs its reason, and the minutes stay as they were without one.
        var present = recorded.Present.ToArray();
        object Corrected(string? reason) => new
        {
            reason,
            outcome = new
            {
                present,
                items = new object[]
                {
                    new { @case = plain, decision = "Rutinen for utskrivning gjelder fra 1. januar 2028." },
                    new { @case = exempt, result = "adopted" },
                    new { @case = split, votes = recorded.Items.Single(i => i.CaseId == split).Votes },
                },
                anyOtherBusiness = "Neste møte holdes digitalt.",
            },
        };
        async Task<HttpResponseMessage> Correct(object body)
        {
            var request = app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{id}/minutes/corrections");
            request.Content = JsonContent.Create(body, options: Json.Options);
            return await app.Http.SendAsync(request);
        }

        using (var noReason = await Correct(Corrected(null)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("\"reason\"", await noReason.Content.ReadAsStringAsync());
        }

        Assert.Empty((await app.Service<DraftCirculation>().State(id, default)).AllCorrections);
        await Clock(Common.Oslo.At(date.AddDays(5), new TimeOnly(9, 0)));
        using var corrected = await Correct(Corrected("Datoen i vedtaket i sak 2 manglet."));
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);

        // The same address now serves the corrected minutes, with the correction stated; the approved version is kept beside it.
        var state = await app.Service<DraftCirculation>().State(id, default);
        Assert.Equal(approved.PublishedUrl, state.PublishedUrl);
        var correction = Assert.Single(state.AllCorrections);
        Assert.Equal((2, MinutesState.BySecretariat, "Datoen i vedtaket i sak 2 manglet."), (correction.Version, correction.By, correction.Reason));
        Assert.Equal(approved.Outcome!.Items.Single(i => i.CaseId == plain).Decision, correction.Before.Items.Single(i => i.CaseId == plain).Decision);
        var now = Regex.Replace(await Poppler.Text(await anonymous.GetByteArrayAsync(state.PublishedUrl)), @"\s+", " ");
        Assert.Contains("Rutinen for utskrivning gjelder fra 1. januar 2028.", now);
        Assert.Contains("Rettet tirsdag 16. november 2027 (versjon 2) av sekretariatet: Datoen i vedtaket i sak 2 manglet.", now);
        Assert.DoesNotContain(Secret, now);
        var published = (await app.Service<Functions.Publication.PublicationStore>().List(t.Body.Code, default)).Single(p => p.MeetingId == id.Value);
        var kept = Assert.Single(published.Corrections!);
        Assert.Equal(original, await Poppler.Text(await anonymous.GetByteArrayAsync(kept.EarlierUrl)));

        // Every member and deputy gets the corrected minutes; the partners' web editors are told where they are.
        var told = await Outbox($"minutes-corrected-v2.{id}.");
        Assert.Equal(t.Members.Count(m => m.ReceivesExemptPapers), told.Count(e => e.Attachments.SequenceEqual(["referat.pdf"])));
        Assert.Contains(told, e => e.Attachments.Count == 0 && e.Subject == $"Rettet referat: TU {Common.Norwegian.ShortDate(date)}");
        Assert.All(told, e => Assert.Equal($"Rettet referat: TU {Common.Norwegian.ShortDate(date)}", e.Subject));

        // The feeds say the minutes changed, the public page lists the correction with the earlier version.
        var atom = System.Xml.Linq.XDocument.Parse(await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}/referater.atom"));
        System.Xml.Linq.XNamespace a = "http://www.w3.org/2005/Atom";
        var entry = atom.Descendants(a + "entry").Single(e => (string?)e.Element(a + "id") == state.PublishedUrl);
        Assert.True(DateTimeOffset.Parse((string)entry.Element(a + "updated")!) > DateTimeOffset.Parse((string)entry.Element(a + "published")!));
        Assert.Contains("\"date_modified\"", await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}/referater.json"));
        var page = await app.Http.GetStringAsync($"/api/offentlig/{t.Body.Code}");
        Assert.Contains("Rettet 16.11.2027: Datoen i vedtaket i sak 2 manglet.", page);
        Assert.Contains(kept.EarlierUrl, page);

        // Correcting minutes that are not approved is refused: they are simply recorded again.
        var other = await SummonedMeeting(new DateOnly(2027, 12, 2));
        using var notApproved = await app.Http.SendAsync(new Func<HttpRequestMessage>(() =>
        {
            var request = app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{other.Body.Meeting.Id}/minutes/corrections");
            request.Content = JsonContent.Create(new { reason = "Feil", outcome = new { present } }, options: Json.Options);
            return request;
        })());
        Assert.Equal(HttpStatusCode.Conflict, notApproved.StatusCode);

        // The archive files the corrected minutes, the approved version as an attachment and the correction as a remark, and validates.
        using var export = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/bodies/{t.Body.Code}/archive/2027"));
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await export.Content.ReadAsStreamAsync());
        byte[] Entry(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }

        var structure = Entry(Functions.Archive.ArchiveExport.Structure);
        Assert.Equal("", await Xmllint.Problems(structure, Xmllint.Noark5Schema));
        System.Xml.Linq.XNamespace n = Functions.Archive.NoarkStructure.Namespace;
        var minutes = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(structure)).Descendants(n + "registrering").Single(r => (string?)r.Element(n + "moeteregistreringstype") == "Møtebok");
        Assert.Equal($"Referat – TU {Common.Norwegian.ShortDate(date)} (rettet)", (string?)minutes.Element(n + "tittel"));
        Assert.Contains("Referat, versjon 1 (før rettelse)", minutes.Elements(n + "dokumentbeskrivelse").Select(d => (string)d.Element(n + "tittel")!));
        Assert.Equal("Rettelse (versjon 2): Datoen i vedtaket i sak 2 manglet.", (string?)minutes.Element(n + "merknad")!.Element(n + "merknadstekst"));
        Assert.Contains("1. januar 2028", await Poppler.Text(Entry($"dokumenter/{id}/referat.pdf")));
        Assert.DoesNotContain("1. januar 2028", await Poppler.Text(Entry($"dokumenter/{id}/referat-versjon-1.pdf")));
    }

    [Fact]
    public async Task CaseNotOnTheSummonedAgenda_CannotGetADecision()
    {
        var (t, plain, exempt, split) = await SummonedMeeting(new DateOnly(2027, 11, 18));

        // Before the meeting has started there is no outcome to record.
        var early = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome");
        early.Content = JsonContent.Create(new { present = new[] { "k1" }, items = Array.Empty<object>() }, options: Json.Options);
        var tooEarly = await app.Http.SendAsync(early);
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Contains("Møtet begynner torsdag 18. november 2027 kl. 10:00", await tooEarly.Content.ReadAsStringAsync());

        await Clock(Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        var request = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome");
        request.Content = JsonContent.Create(new { present = new[] { "k1", "k2", "k3", "k4", "h1", "h2", "h3", "h4" }, items = new[] { new { @case = "HFH-1999-0001" } } }, options: Json.Options);
        var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("stod ikke på sakslisten", await response.Content.ReadAsStringAsync());

        var noQuorum = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome");
        noQuorum.Content = JsonContent.Create(new { present = new[] { "k1", "k2", "k3", "k4", "h1", "h2" }, items = new[] { new { @case = plain } } }, options: Json.Options);
        var refused = await app.Http.SendAsync(noQuorum);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ikke vedtaksført", await refused.Content.ReadAsStringAsync());
        Assert.Null((await app.Service<DraftCirculation>().State(t.Meeting.Id, default)).Outcome);
    }
}
