using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cases;

[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CaseApiTests(AppFixture app) : IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Clock.Set(AppFixture.Start);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpResponseMessage Response, JsonElement Body)> Post(HttpContent content, string? idempotencyKey = null, bool expectContinue = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await app.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task SubmitJson_Returns201_StoresTheCase_AndSendsAReceipt()
    {
        var submission = Submissions.Valid();
        var (response, body) = await Post(Submissions.AsJson(submission));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches(@"^HFH-2026-\d{4}$", id);
        Assert.Equal(id, body.GetProperty("reference").GetString());
        Assert.Equal($"/api/cases/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("received", body.GetProperty("status").GetString());
        // Monday 23 Nov 2026: the 10 Dec meeting closed on 19 Nov, so the case goes to 11 Feb 2027.
        Assert.Equal("ssu-2027-02-11", body.GetProperty("meeting").GetProperty("id").GetString());
        Assert.Equal("2027-01-21", body.GetProperty("meeting").GetProperty("caseDeadline").GetString());

        var stored = await app.GetAsSecretariat<CaseRecord>($"/api/cases/{id}");
        Assert.Equal(submission["title"]!.GetValue<string>(), stored.Title);
        Assert.Equal(submission["background"]!.GetValue<string>(), stored.Content.Background);
        Assert.Equal(CaseStatus.Received, stored.Status);

        var receipt = await OutboxMessage(Functions.Email.MessageIds.CaseReceipt(id));
        Assert.Equal(["ase.odegard@example.org"], receipt.To);
        Assert.Contains(id, receipt.Subject);
    }

    [Fact]
    public async Task SubmitMultipart_StoresEachAttachmentInBlobStorage_WithItsTypeAndHash()
    {
        var pdf = TestFiles.Pdf("Utskrivningsrutine");
        var (response, body) = await Post(Submissions.AsMultipart(Submissions.Valid(), ("rutine.pdf", pdf), ("oversikt.docx", TestFiles.Docx())));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        var stored = await app.GetAsSecretariat<CaseRecord>($"/api/cases/{id}");
        Assert.Equal(["rutine.pdf", "oversikt.docx"], stored.Attachments.Select(a => a.FileName));
        Assert.Equal(["SSU slutter seg til rutinen.", "Rutinen evalueres etter ett år."], stored.ProposedDecision);

        var container = await app.Storage.Container(StorageNames.AttachmentsContainer);
        var blob = container.GetBlobClient(stored.Attachments[0].BlobName);
        var properties = (await blob.GetPropertiesAsync()).Value;
        Assert.Equal("application/pdf", properties.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), properties.Metadata["sha256"]);
        Assert.Equal(pdf, (await blob.DownloadContentAsync()).Value.Content.ToArray());

        var receipt = await OutboxMessage(Functions.Email.MessageIds.CaseReceipt(id));
        Assert.Contains(id, receipt.Subject);
    }

    [Fact]
    public async Task CaseSubmitted20DaysBeforeAMeeting_GoesToTheNextMeeting()
    {
        // 11 February 2027 − 20 days = 22 January 2027.
        app.Clock.Set(new DateTimeOffset(2027, 1, 22, 9, 0, 0, TimeSpan.FromHours(1)));
        var (late, lateBody) = await Post(Submissions.AsJson(Submissions.Valid()));
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        Assert.Equal("ssu-2027-04-08", lateBody.GetProperty("meeting").GetProperty("id").GetString());

        app.Clock.Set(new DateTimeOffset(2027, 1, 21, 23, 50, 0, TimeSpan.FromHours(1)));
        var (onTime, onTimeBody) = await Post(Submissions.AsJson(Submissions.Valid()));
        Assert.Equal(HttpStatusCode.Created, onTime.StatusCode);
        Assert.Equal("ssu-2027-02-11", onTimeBody.GetProperty("meeting").GetProperty("id").GetString());
    }

    [Fact]
    public async Task PreferredMeetingDate_PicksThatMeeting()
    {
        var submission = Submissions.Valid();
        submission["preferredMeetingDate"] = "2027-06-10";
        var (_, body) = await Post(Submissions.AsJson(submission));
        Assert.Equal("ssu-2027-06-10", body.GetProperty("meeting").GetProperty("id").GetString());
    }

    [Fact]
    public async Task SameIdempotencyKeyAndBodyTwice_GivesTheSameCase_Once()
    {
        var key = Guid.NewGuid().ToString();
        var submission = Submissions.Valid();
        var (first, firstBody) = await Post(Submissions.AsJson(submission), key);
        var (second, secondBody) = await Post(Submissions.AsJson(submission), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(firstBody.GetProperty("id").GetString(), secondBody.GetProperty("id").GetString());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());

        var all = await app.GetAllAsSecretariat<CaseRecord>("/api/cases?body=ssu");
        Assert.Single(all, c => c.Title == submission["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameIdempotencyKeyInParallel_CreatesOneCase()
    {
        var key = Guid.NewGuid().ToString();
        var submission = Submissions.Valid();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Post(Submissions.AsJson(submission), key)));

        var created = responses.Where(r => r.Response.StatusCode == HttpStatusCode.Created).Select(r => r.Body.GetProperty("id").GetString()).Distinct().ToList();
        Assert.Single(created);
        Assert.All(responses, r => Assert.Contains(r.Response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var all = await app.GetAllAsSecretariat<CaseRecord>("/api/cases?body=ssu");
        Assert.Single(all, c => c.Title == submission["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameIdempotencyKeyWithAnotherBody_Is422()
    {
        var key = Guid.NewGuid().ToString();
        await Post(Submissions.AsJson(Submissions.Valid()), key);
        var (response, body) = await Post(Submissions.AsJson(Submissions.Valid()), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()!.MediaType);
        Assert.Contains("Idempotency-Key", body.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("title", "")]
    [InlineData("kind", "vedtak")]
    [InlineData("submitter.email", "ikke-en-adresse")]
    [InlineData("preferredMeetingDate", "neste uke")]
    public async Task InvalidField_Is400ProblemDetails_NamingTheFieldInNorwegian(string field, string value)
    {
        var submission = Submissions.Valid();
        if (field.StartsWith("submitter.", StringComparison.Ordinal))
        {
            submission["submitter"]![field["submitter.".Length..]] = value;
        }
        else
        {
            submission[field] = value;
        }

        var (response, body) = await Post(Submissions.AsJson(submission));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()!.MediaType);
        Assert.Equal("Saken har feil som må rettes", body.GetProperty("title").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {body}");
        Assert.NotEmpty(messages[0].GetString()!);
    }

    [Fact]
    public async Task MalformedJson_Is400()
    {
        var (response, body) = await Post(new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Saken er ikke gyldig JSON", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task UnknownBody_Is404()
    {
        var submission = Submissions.Valid();
        submission["body"] = "fsu";
        var (response, body) = await Post(Submissions.AsJson(submission));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("fsu", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task UnsupportedContentType_Is415()
    {
        var (response, body) = await Post(new StringContent("Tittel: Sak", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("multipart/form-data", body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AttachmentOfAForbiddenType_Is415_AndNothingIsStored()
    {
        var before = await AttachmentBlobCount();
        var submission = Submissions.Valid();
        var (response, body) = await Post(Submissions.AsMultipart(submission, ("rapport.pdf", TestFiles.Pdf()), ("rapport.pdf.exe", TestFiles.Exe()), ("faktura.pdf", TestFiles.Exe())));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var messages = body.GetProperty("errors").GetProperty("attachments").EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m!.Contains("«faktura.pdf»", StringComparison.Ordinal));
        Assert.Equal(before, await AttachmentBlobCount());
        var all = await app.GetAllAsSecretariat<CaseRecord>("/api/cases?body=ssu");
        Assert.DoesNotContain(all, c => c.Title == submission["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task AttachmentOverTheFileLimit_Is413()
    {
        var (response, body) = await Post(Submissions.AsMultipart(Submissions.Valid(), ("stor.pdf", TestFiles.OfSize(AppFixture.MaxFileBytes + 1))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Grensen er 1 MB per fil", body.GetProperty("errors").GetProperty("attachments")[0].GetString());
    }

    [Fact]
    public async Task AttachmentsOverTheCaseLimit_Is413()
    {
        var (response, body) = await Post(Submissions.AsMultipart(Submissions.Valid(),
            ("a.pdf", TestFiles.OfSize(AppFixture.MaxFileBytes - 10)), ("b.pdf", TestFiles.OfSize(AppFixture.MaxFileBytes - 10)), ("c.pdf", TestFiles.OfSize(AppFixture.MaxFileBytes - 10))));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("per sak", body.GetProperty("errors").GetProperty("attachments")[0].GetString());
    }

    [Fact]
    public async Task RequestLargerThanTheServerTakes_Is413ProblemDetails_BeforeTheBodyIsSent()
    {
        var content = Submissions.AsMultipart(Submissions.Valid(), ("enorm.pdf", TestFiles.OfSize(AppFixture.MaxCaseBytes + (5 * 1024 * 1024))));
        await content.LoadIntoBufferAsync();
        var (response, body) = await Post(content, expectContinue: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType()!.MediaType);
        Assert.Equal("Forespørselen er for stor", body.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ReadingCases_NeedsTheSecretariatKey()
    {
        var (_, created) = await Post(Submissions.AsJson(Submissions.Valid()));
        var id = created.GetProperty("id").GetString();

        foreach (var url in new[] { $"/api/cases/{id}", "/api/cases?body=ssu" })
        {
            var anonymous = await app.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.ContentType()!.MediaType);

            var wrong = new HttpRequestMessage(HttpMethod.Get, url);
            wrong.Headers.Add("x-functions-key", "gjett");
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.Http.SendAsync(wrong)).StatusCode);
        }
    }

    [Fact]
    public async Task ListCases_FiltersByBodyAndStatus()
    {
        var (_, created) = await Post(Submissions.AsJson(Submissions.Valid()));
        var id = created.GetProperty("id").GetString();
        Assert.Contains(await app.GetAllAsSecretariat<CaseRecord>("/api/cases?body=ssu&status=received"), c => c.Id == id);
        Assert.DoesNotContain(await app.GetAllAsSecretariat<CaseRecord>("/api/cases?body=ssu&status=treated"), c => c.Id == id);

        var badStatus = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, "/api/cases?status=ferdig"));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, "/api/cases/HFH-1999-0001"))).StatusCode);
    }

    [Fact]
    public async Task ListCases_IsPaged_WithALinkToTheNextPage()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Post(Submissions.AsJson(Submissions.Valid()))).Body.GetProperty("id").GetString()!);
        }

        using var first = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, "/api/cases?body=ssu&limit=2"));
        Assert.Equal(2, (await first.Content.ReadFromJsonAsync<List<CaseRecord>>(Json.Options))!.Count);
        var link = Assert.Single(first.Headers.GetValues("Link"));
        Assert.Matches("^</api/cases\\?body=ssu&limit=2&continuation=[^>]+>; rel=\"next\"$", link);

        // Following the links gives every case once, in the order they came in.
        var paged = await app.GetAllAsSecretariat<CaseRecord>("/api/cases?body=ssu&limit=2");
        Assert.Equal(paged.Count, paged.Select(c => c.Id).Distinct().Count());
        Assert.Equal(ids, paged.Select(c => c.Id).Where(ids.Contains));
        Assert.Equal(paged.Select(c => c.Id), paged.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(paged, c => Assert.Equal("ssu", c.Content.Body));

        foreach (var (query, field) in new[] { ("limit=0", "limit"), ("limit=5000", "limit"), ("continuation=case%20..%2Fx", "continuation"), ("continuation=abc", "continuation") })
        {
            var response = await app.Http.SendAsync(app.AsSecretariat(HttpMethod.Get, $"/api/cases?body=ssu&{query}"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    [Fact]
    public async Task StatusUrl_ShowsTheCaseWithoutTheKey_ButNotWithAForgedToken()
    {
        var (_, created) = await Post(Submissions.AsJson(Submissions.Valid("Sak med statuslenke")));
        var statusUrl = created.GetProperty("statusUrl").GetString()!;
        Assert.StartsWith(app.BaseUrl + "/api/sak/status/", statusUrl);

        var page = await app.Http.GetAsync(statusUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Sak med statuslenke", html);
        Assert.Contains("Mottatt", html);
        Assert.Contains("torsdag 11. februar 2027", html);

        var forged = statusUrl[..^4] + "AAAA";
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http.GetAsync(forged)).StatusCode);
    }

    private async Task<int> AttachmentBlobCount()
    {
        var container = await app.Storage.Container(StorageNames.AttachmentsContainer);
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            count++;
        }

        return count;
    }

    private async Task<DevOutboxEndpoints.OutboxEntry> OutboxMessage(string messageId)
    {
        var entries = await app.Http.GetFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix={Uri.EscapeDataString(messageId)}", Json.Options);
        return Assert.Single(entries!, e => e.Name == LocalOutboxSender.BlobName(messageId));
    }
}
