using System.Text.Json;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>A body of its own for one test (the SSU's members, rules and one meeting), so its cycle and emails are the test's alone.</summary>
public sealed record CycleTestBody(Body Body, Meeting Meeting, IReadOnlyList<Member> Members)
{
    public static Task<CycleTestBody> Create(AppFixture app, DateOnly meetingDate) => Create(app.App.Services, meetingDate);

    /// <summary>The same in the storage of an app instance of the test's own.</summary>
    public static async Task<CycleTestBody> Create(IServiceProvider services, DateOnly meetingDate)
    {
        var (body, members) = await AddBody(services);
        var meeting = new Meeting(MeetingId.Parse($"{body.Code}-{meetingDate:yyyy-MM-dd}"), body.Code, meetingDate, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", "https://teams.example.org/ssu", MeetingKind.Ordinary, MeetingStatus.Planned);
        await services.GetRequiredService<MeetingStore>().AddMeeting(meeting);
        await services.GetRequiredService<CycleRunner>().Plan(meeting, body);
        return new CycleTestBody(body, meeting, members);
    }

    /// <summary>The same, with the meeting adopted on the plan as the secretariat does it (POST /api/bodies/{body}/meetings), on the app's clock.</summary>
    public static async Task<CycleTestBody> Adopted(IServiceProvider services, HttpClient http, DateOnly meetingDate)
    {
        var (body, members) = await AddBody(services);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/bodies/{body.Code}/meetings")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { meetings = new[] { new { date = meetingDate.ToString("yyyy-MM-dd"), start = "10:00", end = "14:00", location = "Mosjøen" } } }),
        };
        request.Headers.Add(Functions.Common.SecretariatAccess.Header, AppFixture.SecretariatKey);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        var meeting = await services.GetRequiredService<MeetingStore>().FindMeeting($"{body.Code}-{meetingDate:yyyy-MM-dd}");
        return new CycleTestBody(body, meeting!, members);
    }

    private static async Task<(Body Body, List<Member> Members)> AddBody(IServiceProvider services)
    {
        var code = $"t{Guid.NewGuid():N}"[..12];
        var body = new Body(code, "Testutvalg", "TU", "Helsefellesskap Helgeland", new BodyRules());
        var store = services.GetRequiredService<MeetingStore>();
        await store.AddBody(body);
        var members = Presets.SsuMembers.Select(m => m with { Body = code }).ToList();
        foreach (var m in members)
        {
            await store.AddMember(m);
        }

        return (body, members);
    }

    /// <summary>Another ordinary meeting of the body, on <paramref name="date"/>, with its cycle.</summary>
    public async Task<Meeting> AddMeeting(AppFixture app, DateOnly date)
    {
        var meeting = Meeting with { Id = MeetingId.For(Body.Code, date, MeetingKind.Ordinary), Date = date };
        await app.Service<MeetingStore>().AddMeeting(meeting);
        await app.Service<CycleRunner>().Plan(meeting, Body);
        return meeting;
    }

    public Task<string> SubmitCase(AppFixture app, string title, params (string, byte[])[] files) => SubmitCase(app.Http, title, files);

    public async Task<string> SubmitCase(HttpClient http, string title, params (string, byte[])[] files)
    {
        var submission = Submissions.Valid(title);
        submission["body"] = Body.Code;
        var response = await http.PostAsync("/api/cases", Submissions.AsMultipart(submission, files));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Meeting.Id.Value, json.RootElement.GetProperty("meeting").GetProperty("id").GetString());
        return json.RootElement.GetProperty("id").GetString()!;
    }
}
