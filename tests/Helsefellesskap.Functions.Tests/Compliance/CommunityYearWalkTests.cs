using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Compliance;

/// <summary>
/// A year of each community run by the book, on an instance and Azurite of its own, from its definition loaded
/// before the year: a case to every meeting a few days before its deadline (the Dialogmøte's from the
/// secretariat), every member present, the outcome recorded after the meeting ends, and the cycle ticked at
/// every instant one of its steps is due. Then every row of every meeting of the year is met or does not
/// apply: a rule that reads the wrong notice, deadline or founding date shows up here as a "missed" row.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class CommunityYearWalkTests
{
    private const int Year = 2027;

    [Theory]
    // Helgeland's SSU, Partnerskapsmøte and Dialogmøte (the same day) and one of its six FSUs (the others are alike).
    [InlineData("helgeland", "ssu,pm,dialog,fsuta")]
    [InlineData("finnmark", "")]
    [InlineData("nordland", "")]
    public async Task AYearRunByTheBook_HasNoMissedRow(string community, string bodies)
    {
        await using var app = await FreshInstance.Start(s =>
        {
            s["Community:Definition"] = Presets.Path(community);
            s["Community:DefinitionBodies"] = bodies;
        });
        var clock = app.Service<AdjustableClock>();
        var store = app.Service<MeetingStore>();
        var cycles = app.Service<CycleStore>();
        var runner = app.Service<CycleRunner>();
        var all = new List<(Body Body, Meeting Meeting)>();
        foreach (var body in await store.Bodies())
        {
            all.AddRange((await store.Plan(body.Code)).Where(m => m.Date.Year == Year && m.Status == MeetingStatus.Planned).Select(m => (body, m)));
        }

        Assert.NotEmpty(all);
        var actions = new List<(DateTimeOffset At, Func<Task> Act)>();
        foreach (var (body, meeting) in all)
        {
            var deadline = CyclePlan.For(meeting, body.Rules).Single(s => s.Step == CycleStep.CaseDeadline).DueAt;
            actions.Add((deadline.AddDays(-3), () => Submit(app, body, meeting)));
            actions.Add((Oslo.At(meeting.Date, meeting.End).AddMinutes(15), () => RecordOutcome(app, body, meeting)));
        }

        actions.Sort((a, b) => a.At.CompareTo(b.At));
        var end = Oslo.StartOfDay(new DateOnly(Year + 1, 1, 31));
        var now = clock.GetUtcNow();
        var next = 0;
        for (var ticks = 0; ; ticks++)
        {
            Assert.True(ticks < 3000, $"The year did not come to an end by {now:O}: a step keeps falling due.");
            var due = DateTimeOffset.MaxValue;
            foreach (var (_, meeting) in all)
            {
                if (await cycles.Find(meeting.Id) is { NextDueAt: { } dueAt } && dueAt < due)
                {
                    due = dueAt;
                }
            }

            var at = next < actions.Count && actions[next].At < due ? actions[next].At : due;
            if (at > end)
            {
                break;
            }

            // A step due at a time already passed (one the walk made due by an action) runs now; time never goes back.
            now = at > now ? at : now;
            clock.Set(now);
            while (next < actions.Count && actions[next].At <= now)
            {
                await actions[next++].Act();
            }

            await runner.Tick();
        }

        Assert.Equal(actions.Count, next);
        foreach (var body in all.Select(x => x.Body.Code).Distinct())
        {
            using var response = await Secretariat(app.Http, HttpMethod.Get, $"/api/bodies/{body}/compliance/{Year}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var year = (await response.Content.ReadFromJsonAsync<ComplianceTimeline.YearView>(Json.Options))!;
            Assert.Equal(all.Count(x => x.Body.Code == body), year.Meetings.Count);
            var missed = year.Meetings.SelectMany(m => m.Missed.Select(r => $"{m.Date:dd.MM.yyyy} {r.Requirement} {r.Subject}: {r.Reason}")).ToList();
            Assert.True(missed.Count == 0, $"{body}: {string.Join("; ", missed)}");
            Assert.Equal((0, 0, 0), (year.Summary.Missed, year.Summary.Pending, year.Summary.Unknown));
            Assert.True(year.Summary.Met > 0);
        }
    }

    private static async Task Submit(FreshInstance app, Body body, Meeting meeting)
    {
        var submission = Submissions.Valid($"Sak til {body.ShortName} {meeting.Date:dd.MM.yyyy}");
        submission["body"] = body.Code;
        // The Dialogmøte takes no cases from others: its topics come from the secretariat, for discussion.
        var dialogue = body.Kind == BodyKind.Dialogue;
        submission["kind"] = dialogue ? "discussion" : "decision";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = Submissions.AsJson(submission) };
        if (dialogue)
        {
            request.Headers.Add(SecretariatAccess.Header, AppFixture.SecretariatKey);
        }

        using var response = await app.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(meeting.Id.Value, json.RootElement.GetProperty("meeting").GetProperty("id").GetString());
    }

    private static async Task RecordOutcome(FreshInstance app, Body body, Meeting meeting)
    {
        var roster = await app.Service<MeetingStore>().Roster(meeting);
        var present = roster.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
        var agenda = await app.Service<Functions.Agenda.AgendaService>().Agenda(meeting.Id);
        var cases = agenda!.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!).ToList();
        Assert.Single(cases);
        object item = body.Kind == BodyKind.Dialogue
            ? new { @case = cases[0], decision = "Partene drøftet saken og ba sekretariatet følge den opp." }
            : new { @case = cases[0] };
        using var response = await Secretariat(app.Http, HttpMethod.Put, $"/api/meetings/{meeting.Id}/outcome", new { present, items = new[] { item } });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{meeting.Id}: {await response.Content.ReadAsStringAsync()}");
    }

    private static Task<HttpResponseMessage> Secretariat(HttpClient http, HttpMethod method, string url, object? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(SecretariatAccess.Header, AppFixture.SecretariatKey);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json.Options);
        }

        return http.SendAsync(request);
    }
}
