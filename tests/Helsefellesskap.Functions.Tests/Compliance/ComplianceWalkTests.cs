using System.Net;
using System.Net.Http.Json;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Helsefellesskap.Functions.Tests.Workspace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Compliance;

/// <summary>
/// Two meetings walked side by side from plan to publication on the app's clock: one run by the book, and one
/// whose summons to a deputy the email provider refused for two days. The timeline says exactly that, in the
/// JSON and in the workspace.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class ComplianceWalkTests(FreshFixture fresh)
{
    /// <summary>The provider refusing the messages <see cref="Refuse"/> picks (as SendGrid answering 503 for a while), and delivering the rest.</summary>
    private sealed class RefusingSender(IEmailSender inner) : IEmailSender
    {
        public volatile Func<EmailMessage, bool> Refuse = _ => false;

        public Task<string> Send(EmailMessage message, CancellationToken ct) =>
            Refuse(message) ? throw new HttpRequestException("503 Service Unavailable", null, HttpStatusCode.ServiceUnavailable) : inner.Send(message, ct);

        public Task<bool?> WasDelivered(string messageId, CancellationToken ct) => inner.WasDelivered(messageId, ct);
    }

    private static DateTimeOffset Oslo(int month, int day, int hour, int minute = 0) => Functions.Common.Oslo.At(new DateOnly(2027, month, day), new TimeOnly(hour, minute));

    [Fact]
    public async Task ADeputysSummonsSentLate_IsTheOneRowMissed_InTheJsonAndTheWorkspace_AndAMeetingByTheBookMeetsEveryRow()
    {
        RefusingSender? sender = null;
        await using var instance = await FreshInstance.Start(services: s => s.AddSingleton<IEmailSender>(sp => sender = new RefusingSender(ActivatorUtilities.CreateInstance<LocalOutboxSender>(sp))));
        var http = instance.Http;
        async Task Clock(DateTimeOffset now) => (await http.PostAsJsonAsync("/api/dev/clock", new { now })).EnsureSuccessStatusCode();
        async Task<ComplianceTimeline.MeetingView> Timeline(string id)
        {
            using var response = await http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, $"/api/meetings/{id}/compliance"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<ComplianceTimeline.MeetingView>(Json.Options))!;
        }

        // November 2026: both meetings of Thursday 16 September 2027 adopted on the plan, a case for each in time.
        var date = new DateOnly(2027, 9, 16);
        var clean = await CycleTestBody.Adopted(instance.Services, http, date);
        var late = await CycleTestBody.Adopted(instance.Services, http, date);
        var cases = new Dictionary<string, string>
        {
            [clean.Meeting.Id.Value] = await clean.SubmitCase(http, "Felles rutine for utskrivning"),
            [late.Meeting.Id.Value] = await late.SubmitCase(http, "Legevaktsamarbeid på Sør-Helgeland"),
        };

        // T − 7: the summonses go, but the provider refuses the one to Kari Nordli's deputy in the second body for two days.
        var refused = MessageIds.Summons(late.Meeting.Id, "k1-vara");
        sender!.Refuse = m => m.Id == refused;
        await Clock(Oslo(9, 9, 8));
        await Clock(Oslo(9, 10, 8));
        var waiting = await Timeline(late.Meeting.Id.Value);
        var stuck = Assert.Single(waiting.Rows, r => r.State == ComplianceState.Missed);
        Assert.Equal("Ikke sendt ennå; siste forsøk feilet: 503 Service Unavailable", stuck.Reason);
        sender.Refuse = _ => false;
        await Clock(Oslo(9, 11, 9));

        // The meeting: everyone there; the draft goes at once; nobody objects within 4 working days; published.
        await Clock(Oslo(9, 16, 15));
        foreach (var t in new[] { clean, late })
        {
            var outcome = AppFixture.Secretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}/outcome");
            outcome.Content = JsonContent.Create(new
            {
                present = t.Members.Where(m => m.Role == Functions.Meetings.MemberRole.Member).Select(m => m.Id),
                items = new[] { new { @case = cases[t.Meeting.Id.Value] } },
            }, options: Json.Options);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(outcome)).StatusCode);
        }

        await Clock(Oslo(9, 23, 0, 5));

        var byTheBook = await Timeline(clean.Meeting.Id.Value);
        Assert.All(byTheBook.Rows, r => Assert.True(r.State == ComplianceState.Met || r.Requirement == "extraordinary" && r.State == ComplianceState.NotApplicable,
            $"{r.Label} {r.Subject}: {r.State} {r.Reason}"));
        Assert.Equal(clean.Members.Count(m => m.Role is Functions.Meetings.MemberRole.Member or Functions.Meetings.MemberRole.Deputy), byTheBook.Rows.Count(r => r.Requirement == "summons"));
        Assert.Equal(new ComplianceSummary(byTheBook.Rows.Count - 1, 0, 1, 0, 0), byTheBook.Summary);

        var withLateSummons = await Timeline(late.Meeting.Id.Value);
        var missed = Assert.Single(withLateSummons.Rows, r => r.State == ComplianceState.Missed);
        Assert.Equal(("summons", "Anne Lian (vara for Kari Nordli)"), (missed.Requirement, missed.Subject));
        Assert.Equal((Oslo(9, 10, 0), "Sendt 1 dag etter fristen."), (missed.Deadline!.Value, missed.Reason));
        Assert.True(missed.Actual >= Oslo(9, 11, 9), $"sent {missed.Actual}");
        Assert.Equal(byTheBook.Rows.Count, withLateSummons.Rows.Count);

        // The year of the second body: one meeting, one row missed.
        var year = (await (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, $"/api/bodies/{late.Body.Code}/compliance/2027"))).Content.ReadFromJsonAsync<ComplianceTimeline.YearView>(Json.Options))!;
        Assert.Equal([(late.Meeting.Id, 1)], year.Meetings.Select(m => (m.MeetingId, m.Summary.Missed)));
        Assert.Equal("Anne Lian (vara for Kari Nordli)", Assert.Single(year.Meetings[0].Missed).Subject);

        // The workspace: the same row, in words, and accessible.
        await using var browser = await WorkspaceBrowser.SignedInTo(fresh.Browser, instance);
        await browser.Open(Functions.Workspace.WorkspacePaths.Compliance(late.Meeting.Id));
        var main = await browser.Main();
        Assert.Contains($"{byTheBook.Rows.Count - 2} oppfylt, 1 ikke oppfylt, 0 ikke forfalt, 1 gjelder ikke", main);
        Assert.Contains("Innkalling, saksliste og sakspapirer minst 7 dager før møtet – Anne Lian (vara for Kari Nordli): Sendt 1 dag etter fristen.", main);
        var row = browser.Page.Locator("table.compliance tbody tr.row-missed");
        Assert.Equal(1, await row.CountAsync());
        Assert.Contains("Ikke oppfylt", await row.InnerTextAsync());
        await browser.AssertAccessible("Etterlevelse for et møte");
        await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Etterlevelse for hele 2027" }).ClickAsync();
        Assert.Contains("Hele året: ", await browser.Main());
        await browser.AssertAccessible("Etterlevelse for et år");

        // The appendix to the minutes: a PDF with the same row.
        using var appendix = await http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, $"/api/meetings/{late.Meeting.Id}/compliance.pdf"));
        Assert.Equal("application/pdf", appendix.Content.Headers.ContentType?.MediaType);
        var text = string.Join(' ', (await GoldenFiles.PdfText(await appendix.Content.ReadAsByteArrayAsync())).Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Anne Lian (vara for Kari Nordli)", text);
        Assert.Contains("Sendt 1 dag etter fristen.", text);
    }
}
