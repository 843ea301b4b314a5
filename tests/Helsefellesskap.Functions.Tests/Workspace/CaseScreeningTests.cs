using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>Saker beyond the walk: a case registered for someone with its sections empty, and a late case taken up as urgent with its reason kept.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CaseScreeningTests(AppFixture app)
{
    [Fact]
    public async Task TheSecretariat_RegistersACase_ForSomeone_WithEmptySections()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 11));
        await using var browser = await WorkspaceBrowser.SignIn(app);
        var page = browser.Page;
        await browser.Open("/api/sekretariat/saker");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer en sak for en innsender" }).ClickAsync();
        await browser.AssertAccessible("Registrer sak");
        Assert.Contains("Sammendrag (valgfritt)", await browser.Main());

        await page.GetByLabel("Til (utvalg)", new() { Exact = true }).SelectOptionAsync(t.Body.Code);
        await page.GetByLabel("Tittel", new() { Exact = true }).FillAsync("Brev fra Træna kommune om ambulanseberedskap");
        await page.GetByLabel("Beslutningssak", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Fra", new() { Exact = true }).FillAsync("Træna kommune");
        await page.GetByLabel("Forslag til vedtak", new() { Exact = true }).FillAsync("SSU ber helseforetaket vurdere beredskapen.");
        var refused = await browser.Submit("Registrer saken");
        Assert.Equal(400, refused.Status);
        Assert.Contains("Skriv navnet ditt", await page.Locator(".error-summary").InnerTextAsync());
        Assert.DoesNotContain("sammendrag", (await page.Locator(".error-summary").InnerTextAsync()).ToLowerInvariant());
        await browser.AssertAccessible("Registrer sak med feil");

        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Marit Holand");
        await page.GetByLabel("E-post", new() { Exact = true }).FillAsync("marit.holand@example.org");
        await page.GetByLabel("Organisasjon", new() { Exact = true }).FillAsync("Træna kommune");
        await browser.Submit("Registrer saken");
        Assert.Contains("Saken er registrert", await browser.Main());

        var registered = (await app.Service<CaseStore>().List(t.Body.Code, null)).Single();
        Assert.Equal(("", ""), (registered.Content.Summary, registered.Content.Background));
        Assert.Equal(t.Meeting.Id.Value, registered.MeetingId);
        Assert.Equal("marit.holand@example.org", (await SentEmails.Read(app, MessageIds.CaseReceipt(registered.Id))).To.Mailboxes.Single().Address);
        var paper = await Poppler.Text(await browser.Download($"/api/sekretariat/saker/{registered.Id}/dokument"));
        Assert.Contains("Brev fra Træna kommune", paper);
        Assert.DoesNotContain("Sammendrag", paper);
        Assert.Contains("Registrerte sak", await LogText(browser));
    }

    [Fact]
    public async Task ALateCase_IsTakenUpAsUrgent_AndTheReasonIsKept()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 1, 14));
        var later = await t.AddMeeting(app, new DateOnly(2027, 3, 11));
        app.Clock.Set(new DateTimeOffset(2027, 1, 5, 9, 0, 0, TimeSpan.FromHours(1)));
        var caseId = await SubmitLate(t);
        Assert.Equal(later.Id.Value, (await app.Service<CaseStore>().Find(caseId))!.MeetingId);

        await using var browser = await WorkspaceBrowser.SignIn(app);
        var page = browser.Page;
        await browser.Open($"/api/sekretariat/saker/{caseId}");
        await page.GetByLabel("Ta saken opp som hastesak", new() { Exact = false }).CheckAsync();
        await page.GetByLabel("Møtet saken flyttes til").SelectOptionAsync(t.Meeting.Id.Value);
        await page.GetByLabel("Begrunnelse").FillAsync("Fristen for høringssvar er før neste møte.");
        await browser.Submit("Lagre");
        Assert.Contains("tatt opp som hastesak", await browser.Main());

        var urgent = (await app.Service<CaseStore>().Find(caseId))!;
        Assert.Equal((t.Meeting.Id.Value, CaseStatus.Accepted), (urgent.MeetingId, urgent.Status));
        Assert.Equal(("Fristen for høringssvar er før neste møte.", null), (urgent.Urgent, urgent.StatusReason));
        Assert.Contains("Tatt opp etter saksfristen: Fristen for høringssvar er før neste møte.", await browser.Main());
    }

    [Fact]
    public async Task ACasesText_IsEditedBeforeTheFreeze_AndTheEarlierVersionKept()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 11));
        var caseId = await t.SubmitCase(app, "Felles retningslinje for legemiddelgjennomgang");
        await using var browser = await WorkspaceBrowser.SignIn(app);
        var page = browser.Page;
        await browser.Open($"/api/sekretariat/saker/{caseId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Endre sakens tekst" }).ClickAsync();
        await browser.AssertAccessible("Endre saken");
        await page.GetByLabel("Tittel", new() { Exact = true }).FillAsync("");
        Assert.Equal(400, (await browser.Submit("Lagre endringene")).Status);
        Assert.Contains("Tittelen må fylles ut", await page.Locator(".error-summary").InnerTextAsync());
        await page.GetByLabel("Tittel", new() { Exact = true }).FillAsync("Felles retningslinje for legemiddelgjennomgang i sykehjem");
        await page.GetByLabel("Forslag til vedtak", new() { Exact = true }).FillAsync("SSU slutter seg til retningslinjen.\nRetningslinjen evalueres i 2028.");
        await browser.Submit("Lagre endringene");
        Assert.Contains("Den forrige teksten er tatt vare på", await browser.Main());
        var shown = await browser.Main();
        Assert.True(shown.Contains("Siri Sekretær: endret tittel, forslag til vedtak"), shown);

        var edited = (await app.Service<CaseStore>().Find(caseId))!;
        Assert.Equal(["SSU slutter seg til retningslinjen.", "Retningslinjen evalueres i 2028."], edited.ProposedDecision);
        var history = await app.Service<CaseEdits>().History(caseId, default);
        Assert.Equal("Felles retningslinje for legemiddelgjennomgang", history.Single().Before.Title);
        Assert.Contains("i sykehjem", await Poppler.Text(await browser.Download($"/api/sekretariat/saker/{caseId}/dokument")));

        // Once the agenda is frozen the text is what was summoned: no link, and a post is refused.
        await app.Service<Functions.Agenda.AgendaService>().Freeze(t.Meeting.Id, "test");
        await browser.Open($"/api/sekretariat/saker/{caseId}");
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Endre sakens tekst" }).CountAsync());
        await browser.Open($"/api/sekretariat/saker/{caseId}/rediger");
        Assert.Equal(400, (await browser.Submit("Lagre endringene")).Status);
        Assert.Contains("kan ikke endres", await page.Locator(".error-summary").InnerTextAsync());
    }

    private async Task<string> SubmitLate(CycleTestBody t)
    {
        var submission = Submissions.Valid("Høringssvar om ny nasjonal helse- og samhandlingsplan");
        submission["body"] = t.Body.Code;
        using var response = await app.Http.PostAsync("/api/cases", Submissions.AsJson(submission));
        response.EnsureSuccessStatusCode();
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> LogText(WorkspaceBrowser browser)
    {
        await browser.Open("/api/sekretariat/logg");
        return await browser.Main();
    }
}
