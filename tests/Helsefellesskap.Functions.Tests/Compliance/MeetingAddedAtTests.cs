using System.Net.Http.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Compliance;

/// <summary>When a meeting came on the plan: kept for meetings adopted now, unknown (not a failure) for rows stored before.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class MeetingAddedAtTests(AppFixture app)
{
    [Fact]
    public async Task AMeetingRowWithoutAddedAt_AsStoredBefore_ReadsAsUnknown_AndAMovedMeetingKeepsItsTime()
    {
        var t = await CycleTestBody.Adopted(app.App.Services, app.Http, new DateOnly(2027, 10, 14));
        var store = app.Service<MeetingStore>();
        var added = t.Meeting.AddedAt!.Value;
        Assert.Equal(AppFixture.Start, added, TimeSpan.FromMinutes(5)); // the app's clock, which runs on from where it was set

        // Moved (PUT /api/meetings/{id}): the same meeting, adopted at the same time.
        var move = app.AsSecretariat(HttpMethod.Put, $"/api/meetings/{t.Meeting.Id}");
        move.Content = JsonContent.Create(new { date = "2027-10-21" });
        (await app.Http.SendAsync(move)).EnsureSuccessStatusCode();
        Assert.Equal(added, (await store.FindMeeting(t.Meeting.Id))!.AddedAt);

        // A row as the app wrote it before this column existed.
        var table = await app.Storage.Table(StorageNames.Meetings);
        var row = (await table.GetEntityAsync<TableEntity>(t.Body.Code, t.Meeting.Id.Value)).Value;
        row.Remove("AddedAt");
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace);
        var old = (await store.FindMeeting(t.Meeting.Id))!;
        Assert.Null(old.AddedAt);
        Assert.Equal(new DateOnly(2027, 10, 21), old.Date);
        var plan = (await app.GetAsSecretariat<ComplianceTimeline.MeetingView>($"/api/meetings/{t.Meeting.Id}/compliance")).Rows[0];
        Assert.Equal(("plan", ComplianceState.Unknown), (plan.Requirement, plan.State));
    }
}
