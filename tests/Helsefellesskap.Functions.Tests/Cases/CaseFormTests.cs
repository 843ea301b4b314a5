using System.Net;
using System.Text.RegularExpressions;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cases;

[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CaseFormTests(AppFixture app)
{
    private static MultipartFormDataContent Form(string title, string idempotencyKey)
    {
        var submission = Submissions.Valid(title);
        var form = Submissions.AsMultipart(submission);
        form.Add(new StringContent(idempotencyKey), "idempotencyKey");
        return form;
    }

    [Fact]
    public async Task SameFormPostedTwice_GivesOneCase_AndTheSameReceipt()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var page = await http.GetStringAsync("/api/sak/ny");
        var key = Regex.Match(page, "name=\"idempotencyKey\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(key);

        var title = $"Dobbeltklikk {Guid.NewGuid():N}";
        var first = await http.PostAsync("/api/sak/ny", Form(title, key));
        var second = await http.PostAsync("/api/sak/ny", Form(title, key));

        Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var all = await app.GetAllAsSecretariat<CaseRecord>("/api/cases?body=ssu");
        Assert.Single(all, c => c.Title == title);
    }

    [Fact]
    public async Task FormWithErrors_KeepsWhatWasTyped_AndSaysFilesMustBeChosenAgain()
    {
        var submission = Submissions.Valid("Tittelen som ble skrevet");
        submission["submitter"]!["email"] = "feil-adresse";
        var form = Submissions.AsMultipart(submission, ("notat.pdf", TestFiles.Pdf()));
        var response = await app.Http.PostAsync("/api/sak/ny", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("value=\"Tittelen som ble skrevet\"", html);
        Assert.Contains("E-postadressen er ikke gyldig", html);
        Assert.Contains("Du må velge vedleggene på nytt.", html);
    }

    [Fact]
    public async Task FormEchoesHostileInput_AsInertText()
    {
        var submission = Submissions.Valid("<script>alert('x')</script>");
        submission["kind"] = "";
        var response = await app.Http.PostAsync("/api/sak/ny", Submissions.AsMultipart(submission));
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert", html);
    }

    [Fact]
    public async Task TheStatusLink_WorksForAYearAfterTheCasesMeeting_AndThenSaysItHasExpired()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        var posted = await http.PostAsync("/api/sak/ny", Form($"Sak med statuslenke {Guid.NewGuid():N}", Guid.NewGuid().ToString("N")));
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        var status = posted.Headers.Location!.OriginalString;
        var id = Regex.Match(status, "/api/sak/status/([^?]+)").Groups[1].Value;
        var record = await app.GetAsSecretariat<CaseRecord>($"/api/cases/{id}");
        Assert.NotNull(record.MeetingDate);

        app.Clock.Set(Functions.Common.Oslo.At(record.MeetingDate.Value.AddDays(CaseLinks.DaysValid), new TimeOnly(23, 0)));
        using (var lastDay = await http.GetAsync(status))
        {
            Assert.Equal(HttpStatusCode.OK, lastDay.StatusCode);
        }

        app.Clock.Set(Functions.Common.Oslo.At(record.MeetingDate.Value.AddDays(CaseLinks.DaysValid + 1), new TimeOnly(8, 0)));
        using var after = await http.GetAsync(status);
        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
        var html = await after.Content.ReadAsStringAsync();
        Assert.Contains("Lenken er utløpt", html);
        Assert.DoesNotContain(record.Title, html);
    }
}
