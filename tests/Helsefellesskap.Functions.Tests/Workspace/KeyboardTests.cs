using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>The workspace used with the keyboard alone (sign in, the menu, a case screened; focus always visible), and with scripts off.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class KeyboardTests(AppFixture app)
{
    /// <summary>Presses Tab until the focused element's text (or value) is <paramref name="text"/>; fails after 80 presses.</summary>
    private static async Task TabTo(IPage page, string text)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => { const e = document.activeElement; return (e.innerText || e.value || '').trim() + '|' + (e.labels && e.labels[0] ? e.labels[0].innerText.trim() : ''); }");
            if (focused.Split('|').Contains(text))
            {
                var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
                Assert.NotEqual("none", outline);
                return;
            }
        }

        Assert.Fail($"Tab never reached «{text}» on {page.Url}");
    }

    [Fact]
    public async Task TheSecretariat_ScreensACase_WithTheKeyboardAlone()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 11));
        var caseId = await t.SubmitCase(app, "Sak som vurderes med tastaturet");
        await using var context = await (await app.Browser()).NewContextAsync(new BrowserNewContextOptions { Locale = "nb-NO" });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/api/sekretariat");
        await TabTo(page, "Logg inn");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/api/sekretariat");

        // The skip link comes first and takes focus to the content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Hopp til innholdet", await page.EvaluateAsync<string>("() => document.activeElement.innerText"));
        await TabTo(page, "Saker");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/api/sekretariat/saker");

        await page.GotoAsync(app.BaseUrl + Functions.Workspace.WorkspacePaths.Case(caseId));
        await TabTo(page, "Godta saken for møtet");
        await page.Keyboard.PressAsync("Space");
        await TabTo(page, "Lagre");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(u => u.Contains("utfort=godtatt"));
        Assert.Contains("Saken er godtatt for møtet.", await page.Locator("main").InnerTextAsync());
        Assert.Equal(CaseStatus.Accepted, (await app.Service<CaseStore>().Find(caseId))!.Status);
    }

    [Fact]
    public async Task WithScriptsOff_ACaseIsAccepted_AndTheAgendaFrozen()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 11));
        var caseId = await t.SubmitCase(app, "Sak som vurderes uten JavaScript");
        await using var browser = await WorkspaceBrowser.SignIn(app, javaScript: false);
        await browser.Open(Functions.Workspace.WorkspacePaths.Case(caseId));
        await browser.Page.GetByLabel("Godta saken for møtet").CheckAsync();
        await browser.Submit("Lagre");
        Assert.Contains("Saken er godtatt for møtet.", await browser.Main());
        await browser.Open(Functions.Workspace.WorkspacePaths.Agenda(t.Meeting.Id));
        await browser.Submit("Fastsett sakslisten");
        Assert.Contains("Sakslisten er fastsatt", await browser.Main());
        Assert.Equal(CaseStatus.OnAgenda, (await app.Service<CaseStore>().Find(caseId))!.Status);
    }
}
