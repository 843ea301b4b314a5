using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Community;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Community;

/// <summary>
/// Bodies, rules and rosters as data, walked as the secretariat would: Finnmark from its definition
/// alone; Helgeland's partnership meeting, dialogue meeting and a new FSU; an empty production
/// instance set up through the API alone. Each community that needs it gets its own Azurite.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class CommunityWalkTests
{
    /// <summary>Runs a meeting's cycle on an instance up to <paramref name="now"/> (only this meeting, as the ticker would).</summary>
    private static async Task RunUntil(IServiceProvider services, string meetingId, DateTimeOffset now)
    {
        services.GetRequiredService<AdjustableClock>().Set(now);
        await services.GetRequiredService<CycleRunner>().Advance(Functions.Meetings.MeetingId.Parse(meetingId), now);
        await services.GetRequiredService<EmailOutbox>().SendPending();
    }

    private static DateTimeOffset Due(IServiceProvider services, Meeting meeting, CycleStep step) =>
        CyclePlan.For(meeting, services.GetRequiredService<MeetingStore>().FindBody(meeting.Body).Result!.Rules).Single(s => s.Step == step).DueAt;

    private static async Task<(string Id, string MeetingId)> Submit(HttpClient http, string body, string title, string kind = "decision", bool asSecretariat = false)
    {
        var submission = Submissions.Valid(title);
        submission["body"] = body;
        submission["kind"] = kind;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = Submissions.AsJson(submission) };
        if (asSecretariat)
        {
            request.Headers.Add(Common.SecretariatAccess.Header, AppFixture.SecretariatKey);
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("meeting").GetProperty("id").GetString()!);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(Common.SecretariatAccess.Header, AppFixture.SecretariatKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json.Options);
        }

        return await http.SendAsync(request);
    }

    private static async Task AssertPublished(IServiceProvider services, Meeting meeting)
    {
        var state = await services.GetRequiredService<MinutesStore>().Get(meeting.Id);
        Assert.NotNull(state.DraftSentAt);
        await RunUntil(services, meeting.Id.Value, Common.Oslo.At(state.ApprovalDeadline!.Value.AddDays(1), new TimeOnly(0, 10)));
        state = await services.GetRequiredService<MinutesStore>().Get(meeting.Id);
        Assert.NotNull(state.ApprovedAt);
        Assert.EndsWith("/referat.pdf", state.PublishedUrl, StringComparison.Ordinal);
    }

    private Task<FreshInstance> Fresh(Action<IDictionary<string, string?>> settings, string environment = "Development", Action<IServiceCollection>? services = null) =>
        FreshInstance.Start(settings, environment, services);

    private static async Task Stop(WebApplication instance, HttpClient http, Azurite storage) => await new FreshInstance(instance, http, storage).DisposeAsync();

    [Fact]
    public async Task Finnmark_FromItsDefinitionAlone_SummonsFivePlusFive_CallsAHospitalMembersPersonalDeputy_AndPublishes()
    {
        var (instance, http, storage) = await Fresh(s =>
        {
            s["Community:Definition"] = Presets.Path("finnmark");
            s["Community:Name"] = "Helsefellesskap Finnmark";
            s["Community:ReferencePrefix"] = "HFF";
        });
        try
        {
            var services = instance.Services;

            // Loading the definition again adds nothing and keeps what the secretariat changed.
            (await Send(http, HttpMethod.Put, "/api/bodies/su/members/k1", new { email = "siv.aslaksen@alta.example.org" })).EnsureSuccessStatusCode();
            Assert.Equal(0, await services.GetRequiredService<CommunityLoader>().Load(CommunityDefinitionReader.Read(Presets.Path("finnmark"))));
            Assert.Equal("siv.aslaksen@alta.example.org", (await services.GetRequiredService<MeetingStore>().FindMember("su", "k1"))!.Email);

            // Loaded on 23 November 2026: next year's meetings went on the plan then, before their year, and the
            // compliance timeline says the plan was in time; when this year's came on it the file cannot tell.
            var plan = await services.GetRequiredService<MeetingStore>().Plan("su");
            Assert.Null(plan.Single(m => m.Date == new DateOnly(2026, 12, 9)).AddedAt);
            var march = plan.Single(m => m.Date == new DateOnly(2027, 3, 10));
            Assert.Equal(AppFixture.Start, march.AddedAt!.Value, TimeSpan.FromMinutes(5));
            foreach (var (planned, expected) in new[] { (plan.Single(m => m.Date == new DateOnly(2026, 12, 9)), ComplianceState.Unknown), (march, ComplianceState.Met) })
            {
                using var timeline = await Send(http, HttpMethod.Get, $"/api/meetings/{planned.Id}/compliance");
                var row = (await timeline.Content.ReadFromJsonAsync<ComplianceTimeline.MeetingView>(Json.Options))!.Rows[0];
                Assert.Equal(("plan", expected), (row.Requirement, row.State));
            }

            var (caseId, meetingId) = await Submit(http, "su", "Felles plan for jordmortjenesten i Øst-Finnmark");
            Assert.StartsWith("HFF-", caseId, StringComparison.Ordinal);
            var meeting = (await services.GetRequiredService<MeetingStore>().FindMeeting(meetingId))!;
            Assert.Equal(DayOfWeek.Wednesday, meeting.Date.DayOfWeek);

            await RunUntil(services, meetingId, Due(services, meeting, CycleStep.Summons));
            var outbox = services.GetRequiredService<EmailOutbox>();
            var roster = await services.GetRequiredService<MeetingStore>().Roster("su", meeting.Date);
            Assert.Equal(10, roster.Count(m => m.Role == MemberRole.Member));
            Assert.Equal(10, roster.Count(m => m.Role == MemberRole.Deputy));
            foreach (var person in roster)
            {
                Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(MessageIds.Summons(MeetingId.Parse(meetingId), person.Id)));
            }

            // A hospital member is absent: her personal deputy is called in, not a list.
            using var absence = await Send(http, HttpMethod.Post, $"/api/meetings/{meetingId}/absences", new { memberId = "h2", reason = "Sykdom" });
            Assert.Equal(HttpStatusCode.OK, absence.StatusCode);
            Assert.Equal("h2-vara", (await absence.Content.ReadFromJsonAsync<AbsenceEndpoints.AbsenceAnswer>(Json.Options))!.StandIn);
            Assert.True(await services.GetRequiredService<Functions.Common.AfterAnswer>().Idle(TimeSpan.FromSeconds(30))); // the emails go just after the answer
            Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(MessageIds.DeputySummons(MeetingId.Parse(meetingId), "h2-vara")));

            services.GetRequiredService<AdjustableClock>().Set(Common.Oslo.At(meeting.Date, new TimeOnly(14, 0)));
            string[] present = ["k1", "k2", "k3", "k4", "k5", "h1", "h2-vara", "h3", "h4", "h5"];
            using var outcome = await Send(http, HttpMethod.Put, $"/api/meetings/{meetingId}/outcome", new { present, items = new[] { new { @case = caseId } } });
            Assert.Equal(HttpStatusCode.OK, outcome.StatusCode);
            var recorded = (await outcome.Content.ReadFromJsonAsync<MeetingOutcome>(Json.Options))!;
            Assert.True(recorded.Quorum);
            Assert.Equal("h2", recorded.StandIns["h2-vara"]);
            Assert.Equal(ItemResult.Adopted, recorded.Items.Single().Result);

            await AssertPublished(services, meeting);
        }
        finally
        {
            await Stop(instance, http, storage);
        }
    }

    /// <summary>The Helgeland preset in storage of its own, so no other test's clock has moved its meetings on.</summary>
    private Task<FreshInstance> Helgeland() =>
        Fresh(s => s["Community:Definition"] = Presets.Path("helgeland"));

    [Fact]
    public async Task ThePartnershipMeeting_AdoptsNothing_WhenTheMunicipalitiesSayYesAndTheHospitalNo()
    {
        var (instance, http, storage) = await Helgeland();
        try
        {
            var services = instance.Services;
            var store = services.GetRequiredService<MeetingStore>();
            var (caseId, meetingId) = await Submit(http, "pm", "Felles strategi for rekruttering av sykepleiere");
            var meeting = (await store.FindMeeting(meetingId))!;
            Assert.Equal(new DateOnly(2027, 5, 12), meeting.Date);
            var summons = Due(services, meeting, CycleStep.Summons);
            Assert.Equal(21, meeting.Date.DayNumber - Common.Oslo.DateOf(summons).DayNumber);
            await RunUntil(services, meetingId, summons);

            services.GetRequiredService<AdjustableClock>().Set(Common.Oslo.At(meeting.Date, new TimeOnly(15, 0))); // after the meeting (12:30, after the Dialogmøte)
            var roster = await store.Roster("pm", meeting.Date);
            var municipal = roster.Where(m => m is { Role: MemberRole.Member, Party: Party.Municipalities }).Select(m => m.Id).ToList();
            var hospital = roster.Where(m => m is { Role: MemberRole.Member, Party: Party.Hospital }).Select(m => m.Id).ToList();
            var votes = municipal.Select((id, i) => new { memberId = id, vote = i < 12 ? "for" : "against" })
                .Concat(hospital.Select((id, i) => new { memberId = id, vote = i < 2 ? "for" : "against" }))
                .ToList();
            using var response = await Send(http, HttpMethod.Put, $"/api/meetings/{meetingId}/outcome", new { present = municipal.Concat(hospital), items = new[] { new { @case = caseId, votes } } });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var item = (await response.Content.ReadFromJsonAsync<MeetingOutcome>(Json.Options))!.Items.Single();
            Assert.Equal(ItemResult.Returned, item.Result);
            Assert.False(item.Consensus);
            Assert.StartsWith("Ikke konsensus.", item.Decision, StringComparison.Ordinal);
        }
        finally
        {
            await Stop(instance, http, storage);
        }
    }

    [Fact]
    public async Task TheDialogueMeeting_TakesNoCasesFromOthers_RefusesDecisions_AndMinutesTheDiscussion()
    {
        var (instance, http, storage) = await Helgeland();
        try
        {
            var services = instance.Services;
            var store = services.GetRequiredService<MeetingStore>();
            var refused = Submissions.Valid("En sak til dialogmøtet");
            refused["body"] = "dialog";
            using (var anonymous = await http.PostAsync("/api/cases", Submissions.AsJson(refused)))
            {
                Assert.Equal(HttpStatusCode.BadRequest, anonymous.StatusCode);
                Assert.Contains("Dialogmøtet tar ikke imot saker", await anonymous.Content.ReadAsStringAsync());
            }

            var (caseId, meetingId) = await Submit(http, "dialog", "Helsefellesskapets prioriteringer fram mot 2030", kind: "discussion", asSecretariat: true);
            var meeting = (await store.FindMeeting(meetingId))!;
            Assert.Equal((await store.Plan("pm")).First(m => m.Date.Year == 2027).Date, meeting.Date);
            await RunUntil(services, meetingId, Due(services, meeting, CycleStep.Summons));
            services.GetRequiredService<AdjustableClock>().Set(Common.Oslo.At(meeting.Date, new TimeOnly(15, 30)));
            var present = (await store.Roster("dialog", meeting.Date)).Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();

            using (var decision = await Send(http, HttpMethod.Put, $"/api/meetings/{meetingId}/outcome", new { present, items = new[] { new { @case = caseId, result = "adopted" } } }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, decision.StatusCode);
                var problem = JsonNode.Parse(await decision.Content.ReadAsStringAsync())!;
                Assert.StartsWith("Dialogmøtet fatter ikke vedtak.", problem["errors"]!["items[0].result"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            }

            const string discussion = "Ordførerne la vekt på rekruttering og felles legevakt. Styreleder orienterte om økonomien.";
            using var discussed = await Send(http, HttpMethod.Put, $"/api/meetings/{meetingId}/outcome", new { present, items = new[] { new { @case = caseId, decision = discussion } } });
            Assert.Equal(HttpStatusCode.OK, discussed.StatusCode);
            var item = (await discussed.Content.ReadFromJsonAsync<MeetingOutcome>(Json.Options))!.Items.Single();
            Assert.Equal((ItemResult.Discussed, discussion), (item.Result, item.Decision));
            var minutes = (await services.GetRequiredService<MinutesDocument>().Build(MeetingId.Parse(meetingId), draft: true, forPublic: false, default))!;
            var minuted = minutes.Items.Single(i => i.Title.StartsWith("Helsefellesskapets prioriteringer", StringComparison.Ordinal));
            Assert.Equal(("Drøfting", discussion, "Saken ble drøftet."), (minuted.Heading, minuted.Text, minuted.Result));
            Assert.Contains("fatter ikke vedtak", minutes.Attendance.Quorum, StringComparison.Ordinal);
        }
        finally
        {
            await Stop(instance, http, storage);
        }
    }

    [Fact]
    public async Task AnFsuSetUpByAnSsuDecision_GetsItsOwnMeeting_AndItsReportLandsInTheSsusQueue()
    {
        var (instance, http, storage) = await Helgeland();
        try
        {
            var services = instance.Services;
            var store = services.GetRequiredService<MeetingStore>();
            // The SSU decides to set up an FSU.
            var (decisionCase, ssuMeetingId) = await Submit(http, "ssu", "Opprettelse av FSU for legemiddelsamarbeid");
            var ssuMeeting = (await store.FindMeeting(ssuMeetingId))!;
            await RunUntil(services, ssuMeetingId, Due(services, ssuMeeting, CycleStep.Summons));
            services.GetRequiredService<AdjustableClock>().Set(Common.Oslo.At(ssuMeeting.Date, new TimeOnly(14, 0)));
            var ssuMembers = Presets.SsuMembers.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
            (await Send(http, HttpMethod.Put, $"/api/meetings/{ssuMeetingId}/outcome", new { present = ssuMembers, items = new[] { new { @case = decisionCase } } })).EnsureSuccessStatusCode();

            // An FSU needs the decision; a case not adopted is refused with the field named.
            var fsu = new { code = "fsulegemidler", name = "Faglig samarbeidsutvalg for legemiddelsamarbeid", shortName = "FSU legemidler", kind = "professional", parent = "ssu", mandate = "Samordne legemiddelhåndtering mellom kommunene og sykehuset.", reportEveryMonths = 6, establishedBy = "HFH-2026-9999", rules = new { decision = "simpleMajority", quorum = "halfOfMembers", meetingsPerYear = 4 } };
            using (var wrong = await Send(http, HttpMethod.Post, "/api/bodies", fsu))
            {
                Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
                Assert.Contains("establishedBy", await wrong.Content.ReadAsStringAsync());
            }

            using (var without = await Send(http, HttpMethod.Post, "/api/bodies", fsu with { establishedBy = "" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
                Assert.Contains("opprettes ved vedtak i «ssu»", JsonNode.Parse(await without.Content.ReadAsStringAsync())!["errors"]!["establishedBy"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            }

            using (var created = await Send(http, HttpMethod.Post, "/api/bodies", fsu with { establishedBy = decisionCase }))
            {
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                var view = (await created.Content.ReadFromJsonAsync<BodyEndpoints.BodyView>(Json.Options))!;
                Assert.Equal((BodyKind.Professional, ssuMeeting.Date), (view.Kind, view.Established));
            }

            foreach (var (id, name, party) in new[] { ("k1", "Åse Lind", "municipalities"), ("k2", "Tor Dahl", "municipalities"), ("h1", "Eli Moe", "hospital"), ("h2", "Per Ås", "hospital") })
            {
                using var added = await Send(http, HttpMethod.Post, "/api/bodies/fsulegemidler/members", new { id, name, email = $"{id}.fsu@example.org", organisation = party == "hospital" ? "Helgelandssykehuset HF" : "Rana kommune", party, role = "member" });
                Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            }

            var fsuDate = ssuMeeting.Date.AddDays(42);
            using (var plan = await Send(http, HttpMethod.Post, "/api/bodies/fsulegemidler/meetings", new { meetings = new[] { new { date = fsuDate.ToString("yyyy-MM-dd"), location = "Digitalt" } } }))
            {
                Assert.Equal(HttpStatusCode.Created, plan.StatusCode);
            }

            var cycle = (await (await Send(http, HttpMethod.Get, $"/api/meetings/fsulegemidler-{fsuDate:yyyy-MM-dd}/cycle")).Content.ReadFromJsonAsync<CycleStatus.CycleView>(Json.Options))!;
            Assert.Contains(cycle.Steps, s => s.Step == "Summons");

            // Six months after the SSU set it up, the FSU's report is in the SSU's queue, once.
            services.GetRequiredService<AdjustableClock>().Set(Common.Oslo.At(ssuMeeting.Date.AddMonths(6), new TimeOnly(1, 0)));
            await services.GetRequiredService<CycleRunner>().Tick(CancellationToken.None);
            await services.GetRequiredService<CycleRunner>().Tick(CancellationToken.None);
            var reports = (await services.GetRequiredService<CaseStore>().List("ssu", null)).Where(c => c.Title.StartsWith("Rapport fra FSU legemidler", StringComparison.Ordinal)).ToList();
            var report = Assert.Single(reports);
            Assert.Equal((CaseKind.Information, CaseStatus.Received), (report.Kind, report.Status));
            Assert.NotNull(report.MeetingId);
            Assert.Contains(Common.Norwegian.LongDate(fsuDate), report.Content.Background, StringComparison.Ordinal);

            // The year's annual report has the FSU with its mandate, its status and that report.
            var reportDay = ssuMeeting.Date.AddMonths(6);
            var annual = (await (await Send(http, HttpMethod.Get, $"/api/reports/annual/{reportDay.Year}")).Content.ReadFromJsonAsync<Functions.Reports.ReportsFeature.AnnualReportView>(Json.Options))!;
            var inReport = annual.Report.Sections.Single(s => s.Title == "Faglige samarbeidsutvalg").Bodies.Single(b => b.ShortName == "FSU legemidler");
            Assert.False(string.IsNullOrEmpty(inReport.Mandate));
            Assert.Equal($"1 møte planlagt i {reportDay.Year}, ingen registrert holdt.", inReport.Status); // its meeting has passed without an outcome recorded
            Assert.Equal([$"Rapport {Common.Norwegian.ShortDate(reportDay)}: lagt fram for SSU som sak {report.Id} til møtet {Common.Norwegian.ShortDate(report.MeetingDate!.Value)}."], inReport.Reports);
        }
        finally
        {
            await Stop(instance, http, storage);
        }
    }

    [Fact]
    public async Task AnEmptyProductionInstance_IsSetUpThroughTheApiAlone_AndRunsAWholeCycle()
    {
        var clock = new AdjustableClock(TimeProvider.System);
        clock.Set(AppFixture.Start);
        var (instance, http, storage) = await Fresh(
            s => s["Community:Definition"] = "",
            environment: "Production",
            services: s => s.AddSingleton<TimeProvider>(clock));
        try
        {
            Assert.Empty(JsonNode.Parse(await (await Send(http, HttpMethod.Get, "/api/bodies")).Content.ReadAsStringAsync())!.AsArray());
            using (var body = await Send(http, HttpMethod.Post, "/api/bodies", new { code = "ssu", name = "Strategisk samarbeidsutvalg", shortName = "SSU", kind = "strategic", rules = new { municipalSeats = 7, hospitalSeats = 7 } }))
            {
                Assert.Equal(HttpStatusCode.Created, body.StatusCode);
            }

            for (var i = 1; i <= 7; i++)
            {
                foreach (var (id, party, extra) in new[] { ($"k{i}", "municipalities", (object?)null), ($"h{i}", "hospital", null), ($"k{i}-vara", "municipalities", $"k{i}") })
                {
                    using var added = await Send(http, HttpMethod.Post, "/api/bodies/ssu/members", new
                    {
                        id,
                        name = $"Person {id}",
                        email = $"{id}@example.org",
                        organisation = party == "hospital" ? "Sykehuset HF" : $"Kommune {i}",
                        party,
                        role = extra is null ? "member" : "deputy",
                        deputyFor = extra,
                    });
                    Assert.Equal(HttpStatusCode.Created, added.StatusCode);
                }
            }

            // "SSU: 7 + 7 members": an eighth municipal member is refused, naming the rule, and nothing is stored.
            using (var eighth = await Send(http, HttpMethod.Post, "/api/bodies/ssu/members", new { id = "k8", name = "Person k8", email = "k8@example.org", organisation = "Kommune 8", party = "municipalities", role = "member" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, eighth.StatusCode);
                Assert.StartsWith("Utvalget har 7 plasser for kommunene etter vedtektene", JsonNode.Parse(await eighth.Content.ReadAsStringAsync())!["errors"]!["party"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            }

            Assert.DoesNotContain("\"k8\"", await (await Send(http, HttpMethod.Get, "/api/bodies/ssu/members")).Content.ReadAsStringAsync());
            Assert.Contains("\"k7\"", await (await Send(http, HttpMethod.Get, "/api/bodies/ssu/members")).Content.ReadAsStringAsync());

            using (var bad = await Send(http, HttpMethod.Post, "/api/bodies/ssu/members", new { id = "h-vara1", name = "Vara", email = "vara@example.org", organisation = "Sykehuset HF", party = "sykehuset", role = "deputy", deputyOrder = 1 }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
                Assert.Contains("«sykehuset» er ikke en gyldig verdi", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["errors"]!["party"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            }

            (await Send(http, HttpMethod.Post, "/api/bodies/ssu/members", new { id = "h-vara1", name = "Vara Sykehus", email = "vara@example.org", organisation = "Sykehuset HF", party = "hospital", role = "deputy", deputyOrder = 1 })).EnsureSuccessStatusCode();
            using (var plan = await Send(http, HttpMethod.Post, "/api/bodies/ssu/meetings", new { meetings = new[] { new { date = "2027-02-11", location = "Mosjøen" }, new { date = "2027-04-15", location = "Mosjøen" } } }))
            {
                Assert.Equal(HttpStatusCode.Created, plan.StatusCode);
            }

            var (caseId, meetingId) = await Submit(http, "ssu", "Første sak i en ny installasjon");
            Assert.Equal("ssu-2027-02-11", meetingId);
            var services = instance.Services;
            var meeting = (await services.GetRequiredService<MeetingStore>().FindMeeting(meetingId))!;
            clock.Set(Due(services, meeting, CycleStep.Summons));
            await services.GetRequiredService<CycleRunner>().Tick(CancellationToken.None);
            Assert.Equal(EmailOutbox.State.Sent, await services.GetRequiredService<EmailOutbox>().StateOf(MessageIds.Summons(MeetingId.Parse(meetingId), "k1-vara")));

            clock.Set(Common.Oslo.At(meeting.Date, new TimeOnly(14, 0)));
            string[] present = ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "h1", "h2", "h3", "h4", "h5", "h6", "h7"];
            (await Send(http, HttpMethod.Put, $"/api/meetings/{meetingId}/outcome", new { present, items = new[] { new { @case = caseId } } })).EnsureSuccessStatusCode();
            var state = await services.GetRequiredService<MinutesStore>().Get(MeetingId.Parse(meetingId));
            clock.Set(Common.Oslo.At(state.ApprovalDeadline!.Value.AddDays(1), new TimeOnly(0, 10)));
            await services.GetRequiredService<CycleRunner>().Tick(CancellationToken.None);
            state = await services.GetRequiredService<MinutesStore>().Get(MeetingId.Parse(meetingId));
            Assert.EndsWith("/referat.pdf", state.PublishedUrl, StringComparison.Ordinal);

            // k7 leaves at the end of March and k8 takes the seat: the April meeting summons k8; February's roster keeps k7.
            (await Send(http, HttpMethod.Put, "/api/bodies/ssu/members/k7", new { to = "2027-03-31" })).EnsureSuccessStatusCode();
            (await Send(http, HttpMethod.Post, "/api/bodies/ssu/members", new { id = "k8", name = "Person k8", email = "k8@example.org", organisation = "Kommune 7", party = "municipalities", role = "member", from = "2027-04-01" })).EnsureSuccessStatusCode();
            async Task<List<string>> RosterOn(string date) =>
                JsonNode.Parse(await (await Send(http, HttpMethod.Get, $"/api/bodies/ssu/members?date={date}")).Content.ReadAsStringAsync())!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
            var february = await RosterOn("2027-02-11");
            var april = await RosterOn("2027-04-15");
            Assert.Contains("k7", february);
            Assert.DoesNotContain("k8", february);
            Assert.Contains("k8", april);
            Assert.DoesNotContain("k7", april);
            Assert.Contains((await services.GetRequiredService<MinutesDocument>().Build(MeetingId.Parse(meetingId), draft: false, forPublic: true, default))!.Attendance.Parties[0].Present, p => p.Name == "Person k7");
        }
        finally
        {
            await Stop(instance, http, storage);
        }
    }

    [Fact]
    public async Task ABrokenDefinition_OrABodyItDoesNotHave_StopsTheStart_NamingTheProblem()
    {
        await using var storage = await Azurite.Start();
        var missing = await Assert.ThrowsAsync<CommunityDefinitionException>(() => FreshInstance.StartOn(storage.ConnectionString, s =>
        {
            s["Community:Definition"] = Presets.Path("finnmark");
            s["Community:DefinitionBodies"] = "su,ssu";
        }));
        Assert.EndsWith("finnmark.yaml: Community__DefinitionBodies nevner utvalg som ikke finnes i filen: ssu.", missing.Problems.Single(), StringComparison.Ordinal);

        var broken = Path.Combine(Path.GetTempPath(), $"definisjon-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(broken, (await File.ReadAllTextAsync(Presets.Path("finnmark"))).Replace("summonsDays: 7", "summonsDays: sju", StringComparison.Ordinal));
        try
        {
            var failure = await Assert.ThrowsAsync<CommunityDefinitionException>(() => FreshInstance.StartOn(storage.ConnectionString, s => s["Community:Definition"] = broken));
            Assert.Contains(failure.Problems, p => p.Contains("bodies[0].rules.summonsDays: «sju» er ikke et heltall.", StringComparison.Ordinal) && p.Contains(", linje ", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(broken);
        }
    }
}
