using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>The case form as a person uses it: in Debian's Chromium, without JavaScript on our side.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CaseFormBrowserTests(AppFixture app) : IAsyncLifetime
{
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        app.Clock.Set(AppFixture.Start);
        context = await (await app.Browser()).NewContextAsync(new BrowserNewContextOptions { Locale = "nb-NO", JavaScriptEnabled = false });
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    /// <summary>Clicks the submit button and returns the answer of the page that ends up shown (after a 303, the receipt).</summary>
    private Task<IResponse> Submit() =>
        page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Send inn saken" }).ClickAsync(),
            r => r.Request.IsNavigationRequest && r.Status is not (301 or 302 or 303));


    [Fact]
    public async Task Form_IsNorwegian_ShowsTheNextMeetingAndDeadline_AndLabelsEveryField()
    {
        var response = await page.GotoAsync($"{app.BaseUrl}/api/sak/ny");
        Assert.Equal(200, response!.Status);
        Assert.Equal("nb", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Meld inn sak", await page.Locator("h1").InnerTextAsync());
        var panel = await page.Locator(".panel").InnerTextAsync();
        Assert.Contains("torsdag 11. februar 2027", panel);
        Assert.Contains("Saksfrist: torsdag 21. januar 2027", panel);

        foreach (var label in new[] { "Tittel", "Fra", "Sammendrag", "Bakgrunn", "Vurdering (valgfritt)", "Forslag til vedtak", "Vedlegg (valgfritt)", "Navn", "E-post", "Organisasjon", "Beslutningssak", "Drøftingssak", "Orienteringssak" })
        {
            Assert.Equal(1, await page.GetByLabel(label, new() { Exact = true }).CountAsync());
        }

        // Every control a person can reach has a label.
        var unlabelled = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input:not([type=hidden]), textarea, select')].filter(e => !e.labels || e.labels.length === 0).map(e => e.name)");
        Assert.Empty(unlabelled);
    }

    [Fact]
    public async Task EmptyForm_ShowsAnErrorSummary_WhoseLinksLeadToTheFields()
    {
        await page.GotoAsync($"{app.BaseUrl}/api/sak/ny");
        var response = await Submit();
        await page.WaitForLoadStateAsync();
        Assert.Equal(400, response!.Status);
        Assert.StartsWith("Feil:", await page.TitleAsync());

        var summary = page.Locator(".error-summary");
        Assert.Equal("alert", await summary.GetAttributeAsync("role"));
        Assert.Matches(new Regex(@"Det er \d+ feil i skjemaet"), await summary.Locator("h2").InnerTextAsync());
        var link = summary.GetByRole(AriaRole.Link, new() { Name = "Skriv en tittel på saken." });
        await link.ClickAsync();
        Assert.Equal("f-title", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.Equal("true", await page.Locator("#f-title").GetAttributeAsync("aria-invalid"));
        Assert.Contains("f-title-error", await page.Locator("#f-title").GetAttributeAsync("aria-describedby"));
    }

    [Fact]
    public async Task Keyboard_FirstTabReachesTheSkipLink()
    {
        await page.GotoAsync($"{app.BaseUrl}/api/sak/ny");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Hopp til innholdet", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
    }

    [Fact]
    public async Task FilledForm_WithAnAttachment_LandsInStorage_ShowsTheReceipt_AndEmailsIt()
    {
        var title = $"Samarbeid om legevakt i Sør-Helgeland {Guid.NewGuid():N}";
        await page.GotoAsync($"{app.BaseUrl}/api/sak/ny");
        await page.GetByLabel("Tittel", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("Beslutningssak").CheckAsync();
        await page.GetByLabel("Fra", new() { Exact = true }).FillAsync("Vefsn kommune");
        await page.GetByLabel("Sammendrag", new() { Exact = true }).FillAsync("Kommunene ønsker en felles legevakt.");
        await page.GetByLabel("Bakgrunn", new() { Exact = true }).FillAsync("Dagens ordning er sårbar, særlig i ferier.");
        await page.GetByLabel("Forslag til vedtak", new() { Exact = true }).FillAsync("1. SSU støtter utredningen.\n2. Saken tas opp igjen i juni.");
        await page.GetByLabel("Vedlegg (valgfritt)").SetInputFilesAsync(new FilePayload { Name = "utredning.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("Utredning") });
        await page.GetByLabel("Navn", new() { Exact = true }).FillAsync("Øystein Bårdsen");
        await page.GetByLabel("E-post", new() { Exact = true }).FillAsync("oystein.bardsen@example.org");
        await page.GetByLabel("Organisasjon", new() { Exact = true }).FillAsync("Vefsn kommune");

        var response = await Submit();
        Assert.Equal(200, response!.Status);
        Assert.Equal("Saken er mottatt", await page.Locator("h1").InnerTextAsync());
        var reference = await page.Locator(".reference").InnerTextAsync();
        Assert.Matches(@"^HFH-2026-\d{4}$", reference);
        Assert.Contains("oystein.bardsen@example.org", await page.Locator("main").InnerTextAsync());

        var stored = await app.GetAsSecretariat<CaseRecord>($"/api/cases/{reference}");
        Assert.Equal(title, stored.Title);
        Assert.Equal(["SSU støtter utredningen.", "Saken tas opp igjen i juni."], stored.ProposedDecision);
        Assert.Equal("ssu-2027-02-11", stored.MeetingId);
        var attachment = Assert.Single(stored.Attachments);
        var container = await app.Storage.Container(StorageNames.AttachmentsContainer);
        Assert.Equal(TestFiles.Pdf("Utredning"), (await container.GetBlobClient(attachment.BlobName).DownloadContentAsync()).Value.Content.ToArray());

        var outbox = await app.Http.GetFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix={Uri.EscapeDataString(Functions.Email.MessageIds.CaseReceipt(reference))}", Json.Options);
        Assert.Contains(outbox!, e => e.Name == LocalOutboxSender.BlobName(Functions.Email.MessageIds.CaseReceipt(reference)) && e.To.SequenceEqual(["oystein.bardsen@example.org"]));

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "helsefellesskap-kvittering.png"), FullPage = true });
    }
}
