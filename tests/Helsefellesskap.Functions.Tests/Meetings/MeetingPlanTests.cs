using System.Net;
using System.Net.Http.Json;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Community;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Meetings;

[Collection(AppCollection.Name)]
[OwnTime]
public sealed class MeetingPlanTests(AppFixture app)
{
    private async Task<HttpResponseMessage> Send(HttpMethod method, string url, object? body = null)
    {
        var request = app.AsSecretariat(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json.Options);
        }

        return await app.Http.SendAsync(request);
    }

    [Fact]
    public async Task AdoptedMeetings_AreListed_AndEachGetsACycle()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 5, 27));
        var response = await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new
        {
            meetings = new[] { new { date = "2027-09-09", start = "10:00", end = "15:00", location = "Sandnessjøen" }, new { date = "2027-10-14", start = "09:00", end = "12:00", location = "Brønnøysund" } },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var plan = await app.GetAsSecretariat<List<MeetingPlanEndpoints.MeetingView>>($"/api/bodies/{t.Body.Code}/meetings?year=2027");
        Assert.Equal(["2027-05-27", "2027-09-09", "2027-10-14"], plan.Select(m => m.Date.ToString("yyyy-MM-dd")));
        Assert.Equal(new DateOnly(2027, 8, 19), plan[1].CaseDeadline);
        var cycle = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{plan[1].Id}/cycle");
        Assert.Equal("DeadlineReminder", cycle.Next!.Step);

        Assert.Equal(HttpStatusCode.Conflict, (await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new { meetings = new[] { new { date = "2027-09-09", location = "Mo" } } })).StatusCode);
    }

    /// <summary>The plan and the roster answer a page at a time like the case list: following the links gives what one answer gave.</summary>
    [Fact]
    public async Task ThePlanAndTheRoster_AreListedAPageAtATime_InTheirOrder()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 5, 27));
        var adopted = await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new
        {
            meetings = new[] { "2027-09-09", "2027-10-14", "2027-11-11", "2028-01-13" }.Select(d => new { date = d, start = "10:00", end = "14:00", location = "Mo" }),
        });
        Assert.Equal(HttpStatusCode.Created, adopted.StatusCode);

        // Moved to before the others: its id (with its old date) no longer says where it stands in the plan.
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Put, $"/api/meetings/{t.Body.Code}-2027-11-11", new { date = "2027-06-03" })).StatusCode);

        var plan = $"/api/bodies/{t.Body.Code}/meetings?year=2027";
        var whole = await app.GetAsSecretariat<List<MeetingPlanEndpoints.MeetingView>>(plan);
        Assert.Equal(["2027-05-27", "2027-06-03", "2027-09-09", "2027-10-14"], whole.Select(m => m.Date.ToString("yyyy-MM-dd")));
        using (var first = await Send(HttpMethod.Get, plan + "&limit=3"))
        {
            Assert.Equal(3, (await first.Content.ReadFromJsonAsync<List<MeetingPlanEndpoints.MeetingView>>(Json.Options))!.Count);
            Assert.Matches($"^</api/bodies/{t.Body.Code}/meetings\\?year=2027&limit=3&continuation=[^>]+>; rel=\"next\"$", Assert.Single(first.Headers.GetValues("Link")));
        }

        Assert.Equal(whole.Select(m => m.Id), (await app.GetAllAsSecretariat<MeetingPlanEndpoints.MeetingView>(plan + "&limit=1")).Select(m => m.Id));

        var roster = $"/api/bodies/{t.Body.Code}/members";
        var members = await app.GetAsSecretariat<List<Member>>(roster);
        Assert.Equal(t.Members.Count, members.Count);
        Assert.Equal(members.Select(m => m.Id), (await app.GetAllAsSecretariat<Member>(roster + "?limit=2")).Select(m => m.Id));
        Assert.Equal(members.OrderBy(m => m.Role).ThenBy(m => m.Party).ThenBy(m => m.DeputyOrder).ThenBy(m => m.Id, StringComparer.Ordinal).Select(m => m.Id), members.Select(m => m.Id));

        // The bodies: top-level first, by name as Norwegian sorts it (æ, ø, å after z), whether read whole or a page at a time.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var store = app.Service<MeetingStore>();
        foreach (var name in new[] { "Åsen", "Zeta", "Ørsta", "Ærlig" })
        {
            await store.AddBody(new Body($"n{Guid.NewGuid():N}"[..12], $"{name} {suffix}", name, "Helsefellesskap Helgeland", new BodyRules()));
        }

        var bodies = await app.GetAsSecretariat<List<BodyEndpoints.BodyView>>("/api/bodies");
        Assert.Equal(["Zeta", "Ærlig", "Ørsta", "Åsen"], bodies.Where(b => b.Name.EndsWith(suffix, StringComparison.Ordinal)).Select(b => b.ShortName));
        Assert.Equal(bodies.Select(b => b.Code), (await app.GetAllAsSecretariat<BodyEndpoints.BodyView>("/api/bodies?limit=3")).Select(b => b.Code));

        foreach (var (url, field) in new[] { ("/api/bodies?limit=-1", "limit"), (plan + "&limit=0", "limit"), (roster + "?limit=1001", "limit"), (plan + "&continuation=abc", "continuation"), (roster + "?continuation=%25%25", "continuation") })
        {
            using var refused = await Send(HttpMethod.Get, url);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors").TryGetProperty(field, out _), url);
        }
    }

    [Fact]
    public async Task APlan_WithMoreOrdinaryMeetingsThanTheRulesAllow_IsRefused_AndAnExtraMeetingIsExtraordinary()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 2, 4));
        var five = new[] { "2027-03-04", "2027-04-08", "2027-06-03", "2027-09-02", "2027-10-07" }.Select(d => new { date = d, location = "Mo" }).ToArray();
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new { meetings = five })).StatusCode);

        var seventh = await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new { meetings = new[] { new { date = "2027-12-02", location = "Mo" } } });
        Assert.Equal(HttpStatusCode.BadRequest, seventh.StatusCode);
        Assert.Contains("TU har 6 ordinære møter i året; med disse ville 2027 fått 7.", await seventh.Content.ReadAsStringAsync());

        var extraordinary = await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new { meetings = new[] { new { date = "2027-12-02", location = "Mo", kind = "extraordinary" } } });
        Assert.Equal(HttpStatusCode.Created, extraordinary.StatusCode);
    }

    [Fact]
    public async Task ExtraordinaryMeeting_NeedsSevenDaysNotice_AndGetsACompressedCycle()
    {
        app.Clock.Set(AppFixture.Start); // Monday 23 November 2026
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 6, 3));
        var tooSoon = await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new { meetings = new[] { new { date = "2026-11-29", location = "Mo", kind = "extraordinary" } } });
        Assert.Equal(HttpStatusCode.BadRequest, tooSoon.StatusCode);
        Assert.Contains("minst 7 dagers varsel", await tooSoon.Content.ReadAsStringAsync());

        var ok = await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new { meetings = new[] { new { date = "2026-11-30", location = "Mo", kind = "extraordinary" } } });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var cycle = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{t.Body.Code}-2026-11-30-ekstra/cycle");
        Assert.Equal("Summons", cycle.Next!.Step);
        Assert.All(cycle.Steps.Where(s => s.Step is "DeadlineReminder" or "CaseDeadline" or "FreezeCheck"), s => Assert.Equal(StepStatus.Skipped, s.Status));
    }

    [Fact]
    public async Task MovedMeeting_ReplansItsCycle_AndItsCasesFollow()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 6, 10));
        var caseId = await t.SubmitCase(app, "Sak som følger møtet");
        var response = await Send(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}", new { date = "2027-06-17" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var cycle = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{t.Meeting.Id}/cycle");
        Assert.Equal(new DateTimeOffset(2027, 6, 10, 8, 0, 0, TimeSpan.FromHours(2)), cycle.Steps.Single(s => s.Step == "Summons").PlannedAt);
        var moved = await app.GetAsSecretariat<CaseRecord>($"/api/cases/{caseId}");
        Assert.Equal<(string?, DateOnly?)>((t.Meeting.Id.Value, new DateOnly(2027, 6, 17)), (moved.MeetingId, moved.MeetingDate));
    }

    [Fact]
    public async Task CancelledMeeting_RollsItsCasesToTheNextMeeting_AndTellsTheSubmitters()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 6, 24));
        await Send(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings", new { meetings = new[] { new { date = "2027-08-26", location = "Mo" } } });
        var caseId = await t.SubmitCase(app, "Sak som må vente");

        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, $"/api/meetings/{t.Meeting.Id}")).StatusCode);

        var rolled = await app.GetAsSecretariat<CaseRecord>($"/api/cases/{caseId}");
        Assert.Equal($"{t.Body.Code}-2027-08-26", rolled.MeetingId);
        var outbox = await app.Http.GetFromJsonAsync<List<Functions.Email.DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix=cancelled.{t.Meeting.Id}.", Json.Options);
        Assert.Contains(outbox!, e => e.Name == $"cancelled.{t.Meeting.Id}.{caseId}.eml");
        var cycle = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{t.Meeting.Id}/cycle");
        Assert.Null(cycle.Next);
        Assert.All(cycle.Steps, s => Assert.Equal(StepStatus.Skipped, s.Status));
    }

    [Fact]
    public async Task CalendarFeed_IsPublic_AndListsThePlan()
    {
        app.Clock.Set(AppFixture.Start);
        var response = await app.Http.GetAsync("/api/bodies/ssu/meetings.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", ics);
        Assert.Contains("UID:ssu-2027-02-11@helsefellesskap-helgeland", ics);
        Assert.Contains("DTSTART:20270211T090000Z", ics);
        Assert.Contains("SUMMARY:Møte i Strategisk samarbeidsutvalg (SSU)", ics);
        // The Helgeland definition plans the meetings from the day it is loaded: December 2026 and the six of 2027.
        Assert.Contains("UID:ssu-2026-12-10@helsefellesskap-helgeland", ics);
        Assert.True(ics.Split("BEGIN:VEVENT").Length - 1 >= 7);

        // Public: no video link and nobody's address; every line within RFC 5545's 75 octets.
        Assert.DoesNotContain("teams.example.org", ics, StringComparison.Ordinal);
        Assert.DoesNotContain("mailto:", ics, StringComparison.Ordinal);
        Assert.Contains("METHOD:PUBLISH", ics, StringComparison.Ordinal);
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync("/api/bodies/finnes/meetings.ics")).StatusCode);
    }
}
