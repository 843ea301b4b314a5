using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>
/// A request that dies halfway leaves nothing stuck and nothing lost: its Idempotency-Key reservation
/// expires and a retry finds the case it had stored (no second case, one receipt); a case stored
/// without its receipt gets it from the ticker's sweep.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class ExactlyOnceIntakeTests(AppFixture app)
{
    private async Task<bool> Recorded(string messageId)
    {
        await app.WorkAfterAnswers();
        return await app.Service<EmailOutbox>().StateOf(messageId) is not null;
    }

    /// <summary>What a request that died after storing its case leaves behind: the case, and a reservation naming it, not completed.</summary>
    private async Task<(string Key, string CaseId, System.Text.Json.Nodes.JsonObject Submission)> DeadRequest(bool caseStored, TimeSpan age)
    {
        var submission = Submissions.Valid($"Sak fra en forespørsel som døde {Guid.NewGuid():N}");
        var (validated, errors) = CaseSubmissionRules.Validate(CaseSubmissionInput.FromJson(JsonDocument.Parse(submission.ToJsonString()).RootElement), Oslo.DateOf(AppFixture.Start));
        Assert.False(errors.Any);
        var key = $"dod-{Guid.NewGuid():N}";
        var keys = app.Service<IdempotencyKeys>();
        Assert.IsType<IdempotencyKeys.Reservation.Reserved>(await keys.Reserve(key, CaseIntake.RequestHash(validated!, [])));
        var caseId = await app.Service<CaseReferences>().Next("HFH", 2026);
        await keys.Assign(key, caseId);
        if (caseStored)
        {
            await app.Service<CaseStore>().Add(new CaseRecord(caseId, validated!, [], CaseStatus.Received, null, null, AppFixture.Start, null));
        }

        app.Clock.Set(AppFixture.Start + age);
        return (key, caseId, submission);
    }

    private async Task<HttpResponseMessage> Retry(string key, System.Text.Json.Nodes.JsonObject submission)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = Submissions.AsJson(submission) };
        request.Headers.Add("Idempotency-Key", key);
        return await app.Http.SendAsync(request);
    }

    [Fact]
    public async Task ARetryWithinTheLease_IsToldToWait()
    {
        var (key, _, submission) = await DeadRequest(caseStored: false, TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Conflict, (await Retry(key, submission)).StatusCode);
    }

    [Fact]
    public async Task AfterTheLease_ARetryGetsTheCaseTheDeadRequestStored_AndItsReceipt()
    {
        var (key, caseId, submission) = await DeadRequest(caseStored: true, IdempotencyKeys.ReservationLease + TimeSpan.FromSeconds(1));

        var response = await Retry(key, submission);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("true", response.Headers.GetValues("Idempotent-Replayed").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(caseId, json.RootElement.GetProperty("id").GetString());
        Assert.True(await Recorded(MessageIds.CaseReceipt(caseId)));
        Assert.Equal(HttpStatusCode.Created, (await Retry(key, submission)).StatusCode);
    }

    [Fact]
    public async Task AfterTheLease_ARetryStoresTheCaseUnderTheReferenceTheDeadRequestTook()
    {
        var (key, caseId, submission) = await DeadRequest(caseStored: false, IdempotencyKeys.ReservationLease + TimeSpan.FromSeconds(1));

        var response = await Retry(key, submission);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(caseId, json.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task ACaseStoredWithoutItsReceipt_GetsItFromTheSweep_Once()
    {
        var (_, caseId, _) = await DeadRequest(caseStored: true, TimeSpan.FromMinutes(5));
        Assert.False(await Recorded(MessageIds.CaseReceipt(caseId)));

        Assert.True(await app.Service<CaseIntake>().SweepReceipts() >= 1);
        Assert.True(await Recorded(MessageIds.CaseReceipt(caseId)));
        Assert.DoesNotContain(await app.Service<PendingReceipts>().Before(app.Clock.GetUtcNow()), c => c.Id == caseId);
        Assert.False((await (await app.Storage.Table(StorageNames.Cases)).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("case", "!receipt." + caseId)).HasValue);
    }
}
