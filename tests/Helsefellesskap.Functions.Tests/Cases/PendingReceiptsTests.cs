using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>
/// The receipt sweep reads an index of the cases waiting for their receipt instead of every case; cases
/// stored before the index are found too, and the index never shows up as a case.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PendingReceiptsTests(AppFixture app)
{
    private async Task<CaseRecord> NewCase()
    {
        var submission = Submissions.Valid($"Sak som venter på kvitteringen {Guid.NewGuid():N}");
        var (validated, errors) = CaseSubmissionRules.Validate(CaseSubmissionInput.FromJson(JsonDocument.Parse(submission.ToJsonString()).RootElement), Oslo.DateOf(AppFixture.Start));
        Assert.False(errors.Any);
        return new CaseRecord(await app.Service<CaseReferences>().Next("HFH", 2026), validated!, [], CaseStatus.Received, null, null, AppFixture.Start, null);
    }

    private async Task<bool> Indexed(string id) =>
        (await (await app.Storage.Table(StorageNames.Cases)).GetEntityIfExistsAsync<TableEntity>("case", "!receipt." + id)).HasValue;

    [Fact]
    public async Task ANewCase_IsIndexedUntilItsReceiptIsRecorded_AndTheIndexIsNoCase()
    {
        var c = await NewCase();
        await app.Service<CaseStore>().Add(c);
        Assert.True(await Indexed(c.Id));

        // Listing every case, or a page of them, never returns an index row as a case.
        Assert.Contains(await app.Service<CaseStore>().List(null, null), x => x.Id == c.Id);
        Assert.DoesNotContain(await app.Service<CaseStore>().List(null, null), x => x.Id.StartsWith('!'));

        Assert.Contains(await app.Service<PendingReceipts>().Before(AppFixture.Start.AddMinutes(1)), x => x.Id == c.Id);
        Assert.DoesNotContain(await app.Service<PendingReceipts>().Before(AppFixture.Start), x => x.Id == c.Id);
        await app.Service<PendingReceipts>().MarkRecorded(c.Id);

        Assert.False(await Indexed(c.Id));
        Assert.DoesNotContain(await app.Service<PendingReceipts>().Before(AppFixture.Start.AddMinutes(1)), x => x.Id == c.Id);
    }

    [Fact]
    public async Task ACaseStoredBeforeTheIndex_GetsItsReceipt_FromAnInstanceThatIndexesIt()
    {
        // The old shape: the case row marked as waiting, no index row, and no marker.
        var c = await NewCase();
        var table = await app.Storage.Table(StorageNames.Cases);
        var entity = CaseStore.ToEntity(c);
        entity["ReceiptPending"] = true;
        await table.AddEntityAsync(entity);
        await table.DeleteEntityAsync("indexed", "receipts");
        app.Clock.Set(AppFixture.Start.AddMinutes(5));

        var other = await app.StartAnother();
        try
        {
            other.Services.GetRequiredService<Functions.Common.AdjustableClock>().Set(AppFixture.Start.AddMinutes(5));
            Assert.True(await other.Services.GetRequiredService<CaseIntake>().SweepReceipts() >= 1);
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }

        Assert.NotNull(await app.Service<EmailOutbox>().StateOf(MessageIds.CaseReceipt(c.Id)));
        Assert.False(await Indexed(c.Id));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("indexed", "receipts")).HasValue);
        Assert.False((await table.GetEntityAsync<TableEntity>("case", c.Id)).Value.GetBoolean("ReceiptPending"));
    }
}
