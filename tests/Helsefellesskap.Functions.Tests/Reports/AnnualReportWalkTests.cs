using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Reports;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Helsefellesskap.Functions.Tests.Workspace;
using Microsoft.Playwright;

namespace Helsefellesskap.Functions.Tests.Reports;

/// <summary>
/// A year of three meetings walked from plan to publication on an instance of its own, then the annual
/// report drafted from it: the right counts and links, the secretariat's text, issued once and published.
/// </summary>
[Collection(FreshCollection.Name)]
public sealed class AnnualReportWalkTests(FreshFixture fresh)
{
    private static DateTimeOffset Oslo(DateOnly date, int hour, int minute = 0) => Functions.Common.Oslo.At(date, new TimeOnly(hour, minute));

    [Fact]
    public async Task AYearOfThreeMeetings_GivesAReportWithTheRightCountsAndLinks_IssuedOnceAndPublished()
    {
        await using var instance = await FreshInstance.Start();
        var http = instance.Http;
        async Task Clock(DateTimeOffset now) => (await http.PostAsJsonAsync("/api/dev/clock", new { now })).EnsureSuccessStatusCode();
        async Task<string> Submit(string code, string title, string kind)
        {
            var submission = Submissions.Valid(title);
            submission["body"] = code;
            submission["kind"] = kind;
            using var response = await http.PostAsync("/api/cases", Submissions.AsJson(submission));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.GetProperty("id").GetString()!;
        }

        DateOnly[] dates = [new(2027, 2, 11), new(2027, 4, 15), new(2027, 6, 10)];
        var t = await CycleTestBody.Adopted(instance.Services, http, dates[0]);
        (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Post, $"/api/bodies/{t.Body.Code}/meetings",
            new { meetings = dates.Skip(1).Select(d => new { date = d.ToString("yyyy-MM-dd"), start = "10:00", end = "14:00", location = "Mosjøen" }) }))).EnsureSuccessStatusCode();

        // Each meeting: a decision case adopted and an information case taken as information; at the first, one more decision case sent back.
        var published = new List<string>();
        for (var i = 0; i < dates.Length; i++)
        {
            var date = dates[i];
            var id = $"{t.Body.Code}-{date:yyyy-MM-dd}";
            if (i > 0)
            {
                await Clock(Oslo(dates[i - 1].AddDays(8), 9));
            }

            var decision = await Submit(t.Body.Code, $"Felles rutine nr. {i + 1}", "decision");
            var information = await Submit(t.Body.Code, $"Orientering nr. {i + 1}", "information");
            var returned = i == 0 ? await Submit(t.Body.Code, "Legevaktsamarbeid", "decision") : null;
            await Clock(Oslo(date.AddDays(-7), 8));
            await Clock(Oslo(date, 15));
            var items = new List<object> { new { @case = decision }, new { @case = information } };
            if (returned is not null)
            {
                items.Add(new { @case = returned, result = "returned", decision = "Saken sendes tilbake til sekretariatet for ny vurdering." });
            }

            var present = t.Members.Where(m => m.Role == Functions.Meetings.MemberRole.Member).Select(m => m.Id).Where(m => i != 1 || m != "h7");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Put, $"/api/meetings/{id}/outcome", new { present, items }))).StatusCode);
            await Clock(Oslo(date.AddDays(7), 0, 30));
            var minutes = await instance.Service<MinutesStore>().Get(MeetingId.Parse(id));
            Assert.NotNull(minutes.PublishedUrl);
            published.Add(minutes.PublishedUrl!);
        }

        // The draft, from the data: one body, three meetings held, the cases by kind and result, each meeting linked to its minutes.
        var view = (await (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, "/api/reports/annual/2027"))).Content.ReadFromJsonAsync<ReportsFeature.AnnualReportView>(Json.Options))!;
        var section = Assert.Single(view.Report.Sections);
        Assert.Equal("Strategisk samarbeidsutvalg", section.Title);
        var body = Assert.Single(section.Bodies);
        Assert.Equal((3, 0), (body.MeetingsHeld, body.MeetingsCancelled));
        Assert.Equal([("Beslutningssak", 4), ("Orienteringssak", 3)], body.CasesByKind.Select(c => (c.Label, c.Count)));
        Assert.Equal([("Vedtatt", 3), ("Tatt til orientering", 3), ("Sendt tilbake til sekretariatet", 1)], body.CasesByResult.Select(c => (c.Label, c.Count)));
        Assert.Equal(published, body.Meetings.Select(m => m.MinutesUrl));
        Assert.Equal([3, 2, 2], body.Meetings.Select(m => m.Decisions.Count));
        Assert.Contains("6 av 7 fra helseforetaket", body.Meetings[1].Attendance);
        Assert.All(body.Meetings, m => Assert.Equal("publisert 7 dager etter møtet", m.LeadTime));
        Assert.StartsWith("Referatene ble publisert i snitt 7 dager etter møtet", body.LeadTimes);
        Assert.True(view.Report.Draft);

        // The secretariat's introduction, then the PDF: its text and its links.
        var intro = "Helsefellesskapet har i 2027 arbeidet med *felles rutiner* for utskrivning.";
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Put, "/api/reports/annual/2027", new AnnualTexts(Introduction: intro)))).StatusCode);
        using var document = await http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, "/api/reports/annual/2027/document"));
        var pdf = await document.Content.ReadAsByteArrayAsync();
        var text = string.Join(' ', (await GoldenFiles.PdfText(pdf)).Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Årlig melding 2027", text);
        Assert.Contains("Helsefellesskapet har i 2027 arbeidet med felles rutiner for utskrivning.", text);
        Assert.Contains("Møter: 3 holdt", text);
        Assert.Contains("Sak 2/27 Felles rutine nr. 1", text);
        Assert.Equal(3, text.Split("Referatet ble publisert 7 dager etter møtet. Referatet").Length - 1); // each linked (a link on https, as in Azure: GoldenDocumentTests)

        // Issued: published at a stable address, and closed for changes; issuing again changes nothing.
        var issued = (await (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Post, "/api/reports/annual/2027/issue"))).Content.ReadFromJsonAsync<AnnualReportState>(Json.Options))!;
        Assert.NotNull(issued.IssuedAt);
        Assert.EndsWith("/arsmelding/2027/arsmelding.pdf", issued.PublishedUrl);
        using (var publishedPdf = await new HttpClient().GetAsync(issued.PublishedUrl))
        {
            Assert.Equal("application/pdf", publishedPdf.Content.Headers.ContentType?.MediaType);
        }

        var again = (await (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Post, "/api/reports/annual/2027/issue"))).Content.ReadFromJsonAsync<AnnualReportState>(Json.Options))!;
        Assert.Equal((issued.IssuedAt, issued.PublishedUrl), (again.IssuedAt, again.PublishedUrl));
        using var refused = await http.SendAsync(AppFixture.Secretariat(HttpMethod.Put, "/api/reports/annual/2027", new AnnualTexts(Introduction: "Endret etterpå.")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Årsmeldingen er utstedt", await refused.Content.ReadAsStringAsync());

        // The public page of the body lists it.
        var publicPage = await http.GetStringAsync($"/api/offentlig/{t.Body.Code}");
        Assert.Contains($"<a href=\"{issued.PublishedUrl}\">Årlig melding 2027 (PDF)</a>", publicPage);

        // The workspace screen: issued, with the link, accessible.
        await using var browser = await WorkspaceBrowser.SignedInTo(fresh.Browser, instance);
        await browser.Open("/api/sekretariat/arsmelding/2027");
        Assert.Contains("Utstedt", await browser.Main());
        Assert.Equal(issued.PublishedUrl, await browser.Page.GetByRole(AriaRole.Link, new() { Name = "Den publiserte årsmeldingen (PDF)" }).GetAttributeAsync("href"));
        await browser.AssertAccessible("Årsmeldingen");

        // An FSU stored before its establishing decision was required (no date) is still reported, not left out.
        await instance.Services.GetRequiredService<Functions.Meetings.MeetingStore>().AddBody(
            new Functions.Meetings.Body($"f{t.Body.Code}"[..12], "FSU for rehabilitering", "FSU rehab", t.Body.CommunityName, new Functions.Meetings.BodyRules())
            { Kind = Functions.Meetings.BodyKind.Professional, Parent = t.Body.Code });
        var next = (await (await http.SendAsync(AppFixture.Secretariat(HttpMethod.Get, "/api/reports/annual/2028"))).Content.ReadFromJsonAsync<ReportsFeature.AnnualReportView>(Json.Options))!;
        Assert.Contains(next.Report.Sections.Single(s => s.Title == "Faglige samarbeidsutvalg").Bodies, b => b.Name == "FSU for rehabilitering");
    }
}
