using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>Møteplan and Utvalg og personer, driven in Chromium: next year adopted, an extraordinary meeting, a move, a cancellation; a person added, a term ended, a successor.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PlanAndRosterTests(AppFixture app)
{
    [Fact]
    public async Task TheMeetingPlan_IsAdoptedMovedAndCancelled_FromTheWorkspace()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 2, 11));
        await using var browser = await WorkspaceBrowser.SignIn(app);
        var page = browser.Page;
        await browser.Open("/api/sekretariat/utvalg");
        await browser.AssertAccessible("Utvalg");
        // Every test body is called TU: this one's link is found by its address.
        await page.Locator($"a[href='{Functions.Workspace.PlanScreen.Path(t.Body.Code)}']").ClickAsync();

        // 2028 proposed from 2027's one meeting (the second Thursday of February) and adopted.
        Assert.Contains("Møteplan for 2028", await browser.Main());
        Assert.Equal("2028-02-10", await page.Locator("#date-0").InputValueAsync());
        await browser.AssertAccessible("Møteplan");
        await browser.Submit("Vedta møteplanen for 2028");
        Assert.Contains("Møtene er lagt inn i møteplanen", await browser.Main());
        var adopted = await app.Service<MeetingStore>().FindMeeting($"{t.Body.Code}-2028-02-10");
        Assert.NotNull(adopted);
        Assert.NotNull(await app.Service<Functions.Cycle.CycleStore>().Find(adopted.Id));

        // An extraordinary meeting needs 7 days' notice: refused with the reason, then added.
        await page.GetByLabel("Dato", new() { Exact = true }).FillAsync("2026-11-26");
        await page.GetByLabel("Sted", new() { Exact = true }).FillAsync("Teams");
        var refused = await browser.Submit("Legg til møtet");
        Assert.Equal(400, refused.Status);
        Assert.Contains("minst 7 dagers varsel", await page.Locator(".error-summary").InnerTextAsync());
        await browser.AssertAccessible("Møteplan med feil");
        await page.GetByLabel("Dato", new() { Exact = true }).FillAsync("2026-12-03");
        await page.GetByLabel("Sted", new() { Exact = true }).FillAsync("Teams");
        await browser.Submit("Legg til møtet");
        Assert.NotNull(await app.Service<MeetingStore>().FindMeeting($"{t.Body.Code}-2026-12-03-ekstra"));

        // The February meeting moved a week, then the 2028 meeting cancelled (after confirming).
        await browser.Open($"/api/sekretariat/moter/{t.Meeting.Id.Value}/endre");
        await browser.AssertAccessible("Endre møtet");
        await page.GetByLabel("Dato", new() { Exact = true }).FillAsync("2027-02-18");
        await browser.Submit("Flytt møtet");
        Assert.Contains("Møtet er flyttet", await browser.Main());
        Assert.Equal(new DateOnly(2027, 2, 18), (await app.Service<MeetingStore>().FindMeeting(t.Meeting.Id))!.Date);

        await browser.Open($"/api/sekretariat/moter/{adopted.Id.Value}/endre");
        Assert.Equal(400, (await browser.Submit("Avlys møtet")).Status);
        Assert.Equal(MeetingStatus.Planned, (await app.Service<MeetingStore>().FindMeeting(adopted.Id))!.Status);
        await page.GetByLabel("Ja, avlys møtet").CheckAsync();
        await browser.Submit("Avlys møtet");
        Assert.Contains("Møtet er avlyst", await browser.Main());
        Assert.Equal(MeetingStatus.Cancelled, (await app.Service<MeetingStore>().FindMeeting(adopted.Id))!.Status);
    }

    [Fact]
    public async Task AFirstPlan_IsFilledIn_WithOnlyTheDatedRowsAdopted()
    {
        var code = $"n{Guid.NewGuid():N}"[..12];
        await app.Service<MeetingStore>().AddBody(new Body(code, "Nytt utvalg", "NU", "Helsefellesskap Helgeland", new BodyRules()));
        await using var browser = await WorkspaceBrowser.SignIn(app);
        var page = browser.Page;
        await browser.Open(Functions.Workspace.PlanScreen.Path(code));
        Assert.Contains("Det er ingen tidligere møteplan å følge", await browser.Main());
        Assert.Equal(6, await page.Locator("table.plan tbody tr").CountAsync());
        await browser.AssertAccessible("Første møteplan");
        await page.Locator("#date-0").FillAsync("2027-03-04");
        await page.Locator("#location-0").FillAsync("Mo i Rana");
        await page.Locator("#date-1").FillAsync("2027-09-02");
        await page.Locator("#location-1").FillAsync("Mosjøen");
        await browser.Submit("Vedta møteplanen for 2027");
        Assert.Contains("Møtene er lagt inn i møteplanen", await browser.Main());
        Assert.Equal([new DateOnly(2027, 3, 4), new DateOnly(2027, 9, 2)], (await app.Service<MeetingStore>().Plan(code)).Select(m => m.Date).Order());
    }

    [Fact]
    public async Task TheRoster_IsKeptFromTheWorkspace()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 2, 11));
        await using var browser = await WorkspaceBrowser.SignIn(app);
        var page = browser.Page;
        await browser.Open($"/api/sekretariat/utvalg/{t.Body.Code}");
        Assert.Contains("Kari Nordli", await browser.Main());
        await browser.AssertAccessible("Medlemmer");

        // A new person without an e-mail address is refused, field named; then added.
        await page.GetByLabel("Id", new() { Exact = true }).FillAsync("k8");
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Mona Eide");
        await page.GetByLabel("Organisasjon", new() { Exact = true }).FillAsync("Lurøy kommune");
        await page.GetByLabel("Part", new() { Exact = true }).SelectOptionAsync("municipalities");
        var refused = await browser.Submit("Legg til");
        Assert.Equal(400, refused.Status);
        Assert.Contains("e-post", (await page.Locator(".error-summary").InnerTextAsync()).ToLowerInvariant());
        await browser.AssertAccessible("Medlemmer med feil");
        await page.GetByLabel("E-post", new() { Exact = true }).FillAsync("mona.eide@example.org");
        await browser.Submit("Legg til");
        Assert.Equal("Mona Eide", (await app.Service<MeetingStore>().FindMember(t.Body.Code, "k8"))!.Name);

        // Her term ends within 90 days: listed as ending soon.
        await browser.Open($"/api/sekretariat/utvalg/{t.Body.Code}/personer/k8");
        await browser.AssertAccessible("Person");
        await page.GetByLabel("Til dato", new() { Exact = true }).FillAsync("2027-01-31");
        await browser.Submit("Lagre");
        Assert.Contains("Mona Eide (Medlem) – til søndag 31. januar 2027", await page.Locator("main ul").First.InnerTextAsync());

        // Kari Nordli (k1) is succeeded from 1 March 2027; her personal deputy now deputises for the seat's new holder only by a change.
        await browser.Open($"/api/sekretariat/utvalg/{t.Body.Code}/personer/k1");
        await page.GetByLabel("Id for den nye", new() { Exact = true }).FillAsync("k1b");
        await page.Locator("#f-successorName").FillAsync("Eva Rønningen");
        await page.Locator("#f-successorEmail").FillAsync("eva.ronningen@example.org");
        await page.GetByLabel("Begynner", new() { Exact = true }).FillAsync("2027-03-01");
        await browser.Submit("Erstatt");
        Assert.Contains("Personen er lagret", await browser.Main());
        var members = app.Service<MeetingStore>();
        Assert.Equal(new DateOnly(2027, 2, 28), (await members.FindMember(t.Body.Code, "k1"))!.To);
        var successor = (await members.FindMember(t.Body.Code, "k1b"))!;
        Assert.Equal((new DateOnly(2027, 3, 1), Party.Municipalities, MemberRole.Member, "Rana kommune"), (successor.From!.Value, successor.Party!.Value, successor.Role, successor.Organisation));
        Assert.DoesNotContain((await members.Roster(t.Body.Code, new DateOnly(2027, 4, 8))), m => m.Id == "k1");
    }
}
