using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Web;

/// <summary>
/// Every page the app serves, opened in Chromium and checked with axe-core against WCAG 2.1 A and AA:
/// zero violations. Each page is reached as a person reaches it (a link from an email, the form).
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PageAccessibilityTests(AppFixture app) : IAsyncLifetime
{
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        app.Clock.Set(AppFixture.Start);
        // axe-core runs as a script in the page (the pages themselves have none), so JavaScript is on here.
        context = await (await app.Browser()).NewContextAsync(new BrowserNewContextOptions { Locale = "nb-NO" });
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    private async Task AssertAccessible(string url, int status = 200)
    {
        var response = await page.GotoAsync(url.StartsWith("http", StringComparison.Ordinal) ? url : app.BaseUrl + url);
        Assert.Equal(status, response!.Status);
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(result.Violations.Length == 0, $"{url}: " + string.Join("\n", result.Violations.Select(v => $"{v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}")));
        Assert.True(result.Passes.Length > 0, "axe ran no rule");
    }

    [Fact]
    public Task CaseForm_IsAccessible() => AssertAccessible("/api/sak/ny");

    [Fact]
    public async Task CaseForm_WithErrors_IsAccessible()
    {
        await page.GotoAsync($"{app.BaseUrl}/api/sak/ny");
        await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Send inn saken" }).ClickAsync(), r => r.Request.IsNavigationRequest);
        Assert.Equal(1, await page.Locator(".error-summary").CountAsync());
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.Empty(result.Violations.Select(v => $"{v.Id}: {v.Help}"));
    }

    [Fact]
    public async Task Receipt_AndStatusPage_AreAccessible()
    {
        using var response = await app.Http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()));
        var statusUrl = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("statusUrl").GetString()!;
        await AssertAccessible(statusUrl + "&kvittering=1");
        await AssertAccessible(statusUrl);
    }

    [Fact]
    public Task InvalidLink_IsAccessible() => AssertAccessible("/api/sak/status/HFH-2026-9999?token=feil", 404);

    [Fact]
    public async Task AbsencePage_IsAccessible()
    {
        var meeting = (await app.Service<MeetingStore>().FindMeeting("ssu-2027-02-11", default))!;
        await AssertAccessible(app.Service<MeetingLinks>().AbsenceUrl(meeting, "k1"));
    }

    [Fact]
    public async Task DisqualificationPage_IsAccessible()
    {
        // It lists the summoned agenda's cases: a meeting of its own, summoned.
        var t = await Cycle.CycleTestBody.Create(app, new DateOnly(2028, 5, 4));
        await t.SubmitCase(app, "Avtale med legevaktsamarbeidet");
        var summons = Functions.Cycle.CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == Functions.Cycle.CycleStep.Summons).DueAt;
        app.Clock.Set(summons);
        await app.Service<Functions.Cycle.CycleRunner>().Advance(t.Meeting.Id, summons);
        await AssertAccessible(app.Service<MeetingLinks>().DisqualificationUrl(t.Meeting, "k1"));
    }

    [Fact]
    public async Task ChangeRequestPage_IsAccessible()
    {
        // A meeting of its own (a body code no other test uses), so its minutes' state is this test's alone.
        var meetingId = MeetingId.For("axe", new DateOnly(2026, 11, 20), MeetingKind.Ordinary);
        await app.Service<MinutesStore>().Change(meetingId, s => s with { DraftVersion = 1, DraftSentAt = AppFixture.Start, ApprovalDeadline = new DateOnly(2026, 11, 27) });
        await AssertAccessible(app.Service<DraftCirculation>().ChangeUrl(meetingId, "k1", new DateOnly(2026, 11, 27)));
    }

    [Fact]
    public Task PublicPage_IsAccessible() => AssertAccessible("/api/offentlig/ssu");
}
