using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using MimeKit;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>A member reports absence with the link in the summons; the deputy is summoned at once with the same papers.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class AbsenceTests(AppFixture app)
{
    private async Task<CycleTestBody> Summoned(DateOnly date)
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, date);
        await t.SubmitCase(app, "Sak til møtet");
        var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
        (await app.Http.PostAsJsonAsync("/api/dev/clock", new { now = summonsAt })).EnsureSuccessStatusCode();
        return t;
    }

    private async Task<MimeMessage> Email(string name)
    {
        var response = await app.Http.GetAsync($"/api/dev/outbox/{name}.eml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await MimeMessage.LoadAsync(await response.Content.ReadAsStreamAsync());
    }

    /// <summary>What an absence can send for a meeting: confirmations, notices to the secretariat, deputies' summonses.</summary>
    private async Task<List<DevOutboxEndpoints.OutboxEntry>> Outbox(string meetingId)
    {
        var entries = new List<DevOutboxEndpoints.OutboxEntry>();
        foreach (var kind in new[] { "absence-confirmation", "absence-notice", "deputy-summons" })
        {
            entries.AddRange((await app.Http.GetFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix={kind}.{meetingId}.", Json.Options))!);
        }

        return entries;
    }

    [Fact]
    public async Task MunicipalMember_ReportsAbsenceWithTheLink_AndTheirPersonalDeputyIsSummonedWithThePapers()
    {
        var t = await Summoned(new DateOnly(2027, 3, 25));
        var id = t.Meeting.Id;
        var summons = await Email($"summons.{id}.k3");
        var link = Regex.Match(summons.TextBody ?? "", @"https?://\S+/api/forfall/\S+").Value;
        Assert.NotEmpty(link);
        Assert.DoesNotContain("/api/forfall/", (await Email($"summons.{id}.o1")).TextBody); // observers vote not, so report nothing

        var page = await app.Http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Meld forfall", html);
        var token = Regex.Match(html, "name=\"token\" value=\"([^\"]+)\"").Groups[1].Value;
        var expires = Regex.Match(html, "name=\"utloper\" value=\"([^\"]+)\"").Groups[1].Value;

        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["utloper"] = expires, ["token"] = token, ["reason"] = "Sykdom" });
        var answer = await app.Http.PostAsync(new Uri(link).AbsolutePath, form);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Liv Hatten kalles inn som vara", await answer.Content.ReadAsStringAsync());

        var deputy = await Email($"deputy-summons.{id}.k3-vara");
        Assert.Equal("liv.hatten@example.org", deputy.To.Mailboxes.Single().Address);
        Assert.Equal(["sakspapirer.pdf", "invitasjon.ics"], deputy.Attachments.Select(a => a.ContentDisposition?.FileName));
        Assert.Contains("/api/forfall/", deputy.TextBody);
        Assert.Contains("Sykdom", (await Email($"absence-notice.{id}.k3")).TextBody);
        Assert.Equal("ingrid.sjovik@example.org", (await Email($"absence-confirmation.{id}.k3")).To.Mailboxes.Single().Address);

        // Reporting again changes nothing and sends nothing new.
        var before = (await Outbox(id.Value)).Count;
        var again = await app.Http.PostAsync(new Uri(link).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string> { ["utloper"] = expires, ["token"] = token }));
        Assert.Contains("allerede registrert", await again.Content.ReadAsStringAsync());
        Assert.Equal(before, (await Outbox(id.Value)).Count);
    }

    [Fact]
    public async Task HospitalAbsences_GoDownTheOrderedList_AndADeputyPassesItOn()
    {
        var t = await Summoned(new DateOnly(2027, 4, 1));
        var id = t.Meeting.Id;
        async Task<AbsenceEndpoints.AbsenceAnswer> Report(string member)
        {
            var request = app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{id}/absences");
            request.Content = JsonContent.Create(new { memberId = member, reason = "Annet møte" });
            var response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<AbsenceEndpoints.AbsenceAnswer>(Json.Options))!;
        }

        Assert.Equal("h-vara1", (await Report("h2")).StandIn);
        Assert.Equal("h-vara2", (await Report("h4")).StandIn);
        Assert.Equal("h-vara3", (await Report("h-vara1")).StandIn); // the called-in deputy passes it on
        await Email($"deputy-summons.{id}.h-vara3");

        // The deputy is told whom they replace.
        Assert.Contains("Du kalles inn som vara for Bjørn Tverå", (await Email($"deputy-summons.{id}.h-vara1")).TextBody, StringComparison.Ordinal);

        var observer = app.AsSecretariat(HttpMethod.Post, $"/api/meetings/{id}/absences");
        observer.Content = JsonContent.Create(new { memberId = "o1" });
        Assert.Equal(HttpStatusCode.Conflict, (await app.Http.SendAsync(observer)).StatusCode);
    }

    [Fact]
    public async Task ForgedOrExpiredLink_IsRefused()
    {
        var t = await Summoned(new DateOnly(2027, 4, 8));
        var link = Regex.Match((await Email($"summons.{t.Meeting.Id}.k1")).TextBody ?? "", @"https?://\S+/api/forfall/\S+").Value;
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync(link.Replace("/k1?", "/k2?", StringComparison.Ordinal))).StatusCode);

        app.Clock.Set(new DateTimeOffset(2027, 4, 9, 0, 1, 0, TimeSpan.FromHours(2)));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync(link)).StatusCode);
        app.Clock.Set(AppFixture.Start);
    }
}
