using System.Text.Json;
using System.Text.Json.Nodes;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>
/// A whole meeting run from the workspace only, in Chromium, as the secretariat would: screen the cases,
/// order and freeze the agenda, the summons goes (dev clock), attendance with one absent member and the
/// deputy in his place, one amended decision and one split vote, the draft, approval, publication. No
/// JSON is typed; every screen, empty and filled, passes axe-core.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class WorkspaceWalkTests(AppFixture app)
{
    private async Task<string> Submit(CycleTestBody t, string title, params string[] proposal)
    {
        var submission = Submissions.Valid(title);
        submission["body"] = t.Body.Code;
        submission["kind"] = "decision";
        submission["proposedDecision"] = new JsonArray(proposal.Select(p => (JsonNode)p!).ToArray());
        using var created = await app.Http.PostAsync("/api/cases", Submissions.AsJson(submission));
        created.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task AWholeMeeting_IsRunFromTheWorkspace()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 1, 14));
        var meetingId = t.Meeting.Id.Value;
        var agreement = await Submit(t, "Avtale om utskrivningsklare pasienter", "SSU godkjenner avtalen.");
        var network = await Submit(t, "Felles nettverk for jordmødre", "SSU oppretter nettverket.");
        var misplaced = await Submit(t, "Parkering ved sykehuset", "SSU ber om flere plasser.");

        await using var browser = await WorkspaceBrowser.SignIn(app);
        var page = browser.Page;
        Assert.Equal("Oversikt", await page.Locator("h1").InnerTextAsync());
        await browser.AssertAccessible("Oversikt");

        // Saker: the three new cases of the body; one accepted, one rejected with its reason.
        await browser.Open($"/api/sekretariat/saker?utvalg={t.Body.Code}");
        Assert.Equal(3, await page.Locator("table.data tbody tr").CountAsync());
        await browser.AssertAccessible("Saker");
        await page.GetByRole(AriaRole.Link, new() { Name = agreement }).ClickAsync();
        await browser.AssertAccessible("Sak");
        await page.GetByLabel("Godta saken for møtet").CheckAsync();
        await browser.Submit("Lagre");
        Assert.Contains("Saken er godtatt for møtet.", await browser.Main());
        Assert.Contains("Akseptert for møte", await browser.Main());

        await browser.Open($"/api/sekretariat/saker/{misplaced}");
        await page.GetByLabel("Avvis saken").CheckAsync();
        var refused = await browser.Submit("Lagre");
        Assert.Equal(400, refused.Status);
        Assert.Contains("Skriv en begrunnelse", await page.Locator(".error-summary").InnerTextAsync());
        await browser.AssertAccessible("Sak med feil");
        await page.GetByLabel("Begrunnelse").FillAsync("Parkering hører under helseforetaket alene.");
        await page.GetByLabel("Avvis saken").CheckAsync();
        await browser.Submit("Lagre");
        Assert.Contains("Saken er avvist", await browser.Main());

        // Saksliste: the network case moved first, previews, freeze.
        await browser.Open($"/api/sekretariat/moter/{meetingId}/saksliste");
        await browser.AssertAccessible("Saksliste");
        Assert.Equal("Opp: Felles nettverk for jordmødre", await page.Locator($"#sak-{network} button[value=up]").TextContentAsync());
        await page.Locator($"#sak-{network} button[value=up]").ClickAsync();
        await page.WaitForURLAsync(u => u.Contains("utfort=rekkefolge"));
        var rows = await page.Locator("table.data tbody tr td:nth-child(2)").AllInnerTextsAsync();
        Assert.True(rows.ToList().IndexOf("Felles nettverk for jordmødre") < rows.ToList().IndexOf("Avtale om utskrivningsklare pasienter"), string.Join(" | ", rows));
        Assert.DoesNotContain("Parkering ved sykehuset", rows);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await browser.Download($"/api/sekretariat/moter/{meetingId}/innkalling.pdf"))[..4]));
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await browser.Download($"/api/sekretariat/moter/{meetingId}/sakspapirer.pdf"))[..4]));
        await browser.Submit("Fastsett sakslisten");
        Assert.Contains("Sakslisten er fastsatt", await browser.Main());
        Assert.Contains("Siri Sekretær", await browser.Main());
        await browser.AssertAccessible("Saksliste fastsatt");

        // The summons goes at T − 7 (the dev clock); Ola Fjellheim (k2) reports absence with his link.
        var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        app.Clock.Set(summonsAt);
        await app.Service<CycleRunner>().Advance(Functions.Meetings.MeetingId.Parse(meetingId), summonsAt);
        await app.Service<EmailOutbox>().SendPending();
        await page.GotoAsync(app.Service<MeetingLinks>().AbsenceUrl(t.Meeting, "k2"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Meld forfall" }).ClickAsync();

        // Møtet, before it begins: the cycle and the absence, no form yet. (A week later: the session has ended.)
        await browser.SignInAgain();
        await browser.Open($"/api/sekretariat/moter/{meetingId}");
        Assert.Contains("Ola Fjellheim meldte forfall", await browser.Main());
        Assert.Contains("Møtet begynner", await browser.Main());
        await browser.AssertAccessible("Møtet før start");

        // The meeting day: k2 is unticked, his deputy Jon Strand ticked; the agreement amended, the network split.
        app.Clock.Set(Functions.Common.Oslo.At(t.Meeting.Date, new TimeOnly(15, 0)));
        await browser.SignInAgain();
        await browser.Open($"/api/sekretariat/moter/{meetingId}");
        Assert.False(await page.GetByLabel("Ola Fjellheim, Vefsn kommune (meldt forfall)").IsCheckedAsync());
        Assert.True(await page.GetByLabel("Jon Strand, Vefsn kommune – vara for Ola Fjellheim, innkalt").IsCheckedAsync());
        Assert.Contains("7 av 7 plasser fylt", await browser.Main());
        await browser.AssertAccessible("Møtet");

        // Seats and quorum follow the ticks (the page's script; the server computes the same on saving).
        var deputy = page.GetByLabel("Jon Strand, Vefsn kommune – vara for Ola Fjellheim, innkalt");
        await deputy.UncheckAsync();
        Assert.Equal("(6 av 7 plasser fylt)", await page.Locator("[data-count=municipalities]").InnerTextAsync());
        foreach (var h in new[] { "h1", "h2", "h3", "h4" })
        {
            await page.Locator($"#p-{h}").UncheckAsync();
        }

        Assert.Equal("Utvalget er ikke vedtaksført med dette oppmøtet", await page.Locator("[data-quorum]").InnerTextAsync());
        foreach (var h in new[] { "h1", "h2", "h3", "h4" })
        {
            await page.Locator($"#p-{h}").CheckAsync();
        }

        await deputy.CheckAsync();
        Assert.Equal("(7 av 7 plasser fylt)", await page.Locator("[data-count=municipalities]").InnerTextAsync());
        Assert.Equal("Utvalget er vedtaksført med dette oppmøtet", await page.Locator("[data-quorum]").InnerTextAsync());
        var decision = page.Locator($"textarea[name='decision-{agreement}']");
        Assert.Equal("1. SSU godkjenner avtalen.", await decision.InputValueAsync());
        await decision.FillAsync("1. SSU godkjenner avtalen.\n2. Avtalen evalueres etter ett år.");
        await page.Locator($"textarea[name='discussion-{agreement}']").FillAsync("Kommunene ba om en evaluering.");
        await page.Locator($"#f-case-{network} summary", new() { HasText = "Stemmer" }).ClickAsync();
        foreach (var against in new[] { "h5", "h6", "h7", "k7" })
        {
            await page.Locator($"#v-{network}-{against}-Against").CheckAsync();
        }

        foreach (var member in t.Members.Where(m => m.Role == MemberRole.Member && m.Id is not ("h5" or "h6" or "h7" or "k7" or "k2")).Select(m => m.Id).Append("k2-vara"))
        {
            await page.Locator($"#v-{network}-{member}-For").CheckAsync();
        }

        await page.GetByLabel("Orientering fra sekretariatet").FillAsync("Sekretariatet orienterte om ny nettside.");

        // A vote by Ola Fjellheim, who was not there, is refused with the reason; what was typed stays.
        await page.Locator($"#v-{network}-k2-For").CheckAsync();
        Assert.Equal(400, (await browser.Submit("Lagre møtet")).Status);
        Assert.Contains("Ola Fjellheim (k2) hadde ikke stemmerett i saken «Felles nettverk for jordmødre»", await page.Locator(".error-summary").InnerTextAsync());
        Assert.Contains("Avtalen evalueres etter ett år.", await page.Locator($"textarea[name='decision-{agreement}']").InputValueAsync());
        await browser.AssertAccessible("Møtet med feil");
        await page.Locator($"#v-{network}-k2-").CheckAsync();
        await browser.Submit("Lagre møtet");
        Assert.Contains("Møtet er registrert.", await browser.Main());

        var outcome = (await app.Service<MinutesStore>().Get(MeetingId.Parse(meetingId))).Outcome!;
        Assert.DoesNotContain("k2", outcome.Present);
        Assert.Equal("k2", outcome.StandIns["k2-vara"]);
        Assert.Equal(ItemResult.AdoptedWithChanges, outcome.Items.Single(i => i.CaseId == agreement).Result);
        var split = outcome.Items.Single(i => i.CaseId == network);
        Assert.Equal(ItemResult.Adopted, split.Result);
        Assert.Equal(4, split.Votes.Count(v => v.Vote == Vote.Against));
        Assert.True(split.Consensus);

        // Referat: the draft went when the meeting was recorded; read it, approve, see it published.
        await page.GetByRole(AriaRole.Link, new() { Name = "Referat", Exact = true }).First.ClickAsync();
        Assert.Contains("Versjon 1, sendt", await browser.Main());
        await browser.AssertAccessible("Referat");
        var draft = await browser.Download($"/api/sekretariat/moter/{meetingId}/referat-utkast.pdf");
        Assert.Contains("Forslag til nytt vedtak", await Poppler.Text(draft));
        // The presentation given under the agreement, added before approval.
        await page.GetByLabel("Filene hører til").SelectOptionAsync(agreement);
        await page.GetByLabel("Filer (for eksempel presentasjoner)").SetInputFilesAsync(new FilePayload { Name = "presentasjon-avtale.pdf", MimeType = "application/pdf", Buffer = TestFiles.Pdf("Presentasjon av avtalen") });
        await browser.Submit("Legg til filene");
        Assert.Contains("Filene er lagt til referatet.", await browser.Main());
        Assert.Contains("presentasjon-avtale.pdf", await browser.Main());
        await browser.Submit("Godkjenn referatet");
        Assert.Contains("Referatet er godkjent og publisert.", await browser.Main());
        var published = page.GetByRole(AriaRole.Link, new() { Name = "det publiserte referatet" });
        var address = await published.GetAttributeAsync("href");
        using var pdf = await app.Http.GetAsync(address);
        Assert.Equal(System.Net.HttpStatusCode.OK, pdf.StatusCode);
        Assert.Contains("Avtalen evalueres etter ett år.", await Poppler.Text(await pdf.Content.ReadAsByteArrayAsync()));
        await browser.AssertAccessible("Referat publisert");

        // The approved record no longer changes in place (the API answers 409: MinutesWalkTests): Møtet says so, and its form
        // now records a correction, a new version with a reason, republished at the same address.
        await browser.Open($"/api/sekretariat/moter/{meetingId}");
        Assert.Contains("Referatet ble godkjent", await browser.Main());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Lagre møtet" }).CountAsync());
        await page.Locator($"textarea[name='decision-{agreement}']").FillAsync("1. SSU godkjenner avtalen.\n2. Avtalen evalueres etter to år.");
        // Without a reason: the browser asks for it; one that does not check (the field's "required" taken off) gets the server's answer.
        await page.Locator("#f-reason").EvaluateAsync("e => e.removeAttribute('required')");
        Assert.Equal(400, (await browser.Submit("Rett referatet og publiser det på nytt")).Status);
        Assert.Contains("Skriv hvorfor referatet rettes", await page.Locator(".error-summary").InnerTextAsync());
        Assert.Contains("evalueres etter to år", await page.Locator($"textarea[name='decision-{agreement}']").InputValueAsync());
        await browser.AssertAccessible("Rettelse med feil");
        await page.GetByLabel("Hvorfor rettes referatet?").FillAsync("Vedtaket sa to år, ikke ett; rettet etter lydopptaket.");
        await browser.Submit("Rett referatet og publiser det på nytt");
        Assert.Contains("Rettelsen er lagret som en ny versjon.", await browser.Main());
        using (var corrected = await app.Http.GetAsync(address))
        {
            var text = await Poppler.Text(await corrected.Content.ReadAsByteArrayAsync());
            Assert.Contains("Avtalen evalueres etter to år.", text);
            Assert.Contains("Vedtaket sa to år, ikke ett", text);
        }

        var corrections = (await app.Service<MinutesStore>().Get(MeetingId.Parse(meetingId))).AllCorrections;
        Assert.Equal(("Siri Sekretær", 2), (Assert.Single(corrections).By, corrections[0].Version));

        // Utsendelser lists the meeting's emails; Logg has every step with the secretariat's name.
        await browser.Open($"/api/sekretariat/utsendelser?mote={meetingId}");
        Assert.Contains("Innkalling", await browser.Main());
        Assert.Contains("Utkast til referat", await browser.Main());
        await browser.AssertAccessible("Utsendelser");
        await browser.Open("/api/sekretariat/logg");
        var log = await browser.Main();
        foreach (var done in new[] { "Godtok saken", "Avviste saken", "Fastsatte sakslisten", "Registrerte møtet", "Godkjente referatet", "Rettet referatet" })
        {
            Assert.Contains(done, log);
        }

        await browser.AssertAccessible("Logg");
    }

    [Fact]
    public async Task EmptyScreens_AreAccessible()
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 11));
        await using var browser = await WorkspaceBrowser.SignIn(app);
        await browser.Open($"/api/sekretariat/saker?utvalg={t.Body.Code}");
        Assert.Contains("Ingen saker.", await browser.Main());
        await browser.AssertAccessible("Saker, tom");
        await browser.Open($"/api/sekretariat/moter/{t.Meeting.Id.Value}/saksliste");
        await browser.AssertAccessible("Saksliste, tom");
        await browser.Open($"/api/sekretariat/moter/{t.Meeting.Id.Value}/referat");
        Assert.Contains("Registrer møtet først", (await browser.Main()).Replace("  ", " "));
        await browser.AssertAccessible("Referat, tomt");
        await browser.Open("/api/sekretariat/utsendelser?mote=finnes-ikke");
        Assert.Contains("Ingen e-poster.", await browser.Main());
        await browser.AssertAccessible("Utsendelser, tom");
        await browser.Open("/api/sekretariat/saker/HFH-1999-0001", 404);
        await browser.AssertAccessible("Sak som ikke finnes");
        await browser.Open($"/api/sekretariat/moter/{t.Body.Code}-2031-01-09/referat", 404);
        await browser.Open($"/api/sekretariat/moter/{t.Body.Code}-2031-01-09/endre", 404);
        Assert.Contains("Det finnes ikke noe møte", await browser.Main());

        // The local sign-in page, as a new browser meets it.
        await using var signedOut = await (await app.Browser()).NewContextAsync(new BrowserNewContextOptions { Locale = "nb-NO" });
        var start = await signedOut.NewPageAsync();
        await start.GotoAsync(app.BaseUrl + "/api/sekretariat");
        Assert.Contains("/api/sekretariat/logg-inn", start.Url);
        await new WorkspaceBrowser(app.BaseUrl, signedOut, start).AssertAccessible("Logg inn");
    }
}
