using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Storage;

/// <summary>Rows many change at once (counters, number series, minutes state, the annual report) are changed once per change, on real Azurite.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class OptimisticUpdateTests(AppFixture app)
{
    private static OptimisticUpdate.Change<long> Increment(string row, TableEntity? current)
    {
        var value = (current?.GetInt64("Value") ?? 0) + 1;
        return new(new TableEntity("optimistic-test", row) { ["Value"] = value }, value);
    }

    [Fact]
    public async Task ChangesAtOnce_EachCountOnce_NoneLost()
    {
        var table = await app.Storage.Table(StorageNames.Counters);
        var row = Guid.NewGuid().ToString("N");
        var changes = Enumerable.Range(0, 12).Select(_ => Task.Run(() => OptimisticUpdate.Run(table, "optimistic-test", row, c => Increment(row, c), retries: 100, CancellationToken.None)));

        var results = await Task.WhenAll(changes);

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), results.Order());
        Assert.Equal(12, (await table.GetEntityAsync<TableEntity>("optimistic-test", row)).Value.GetInt64("Value"));
    }

    [Fact]
    public async Task AChangeWithNothingToWrite_WritesNothing()
    {
        var table = await app.Storage.Table(StorageNames.Counters);
        var row = Guid.NewGuid().ToString("N");

        var answer = await OptimisticUpdate.Run(table, "optimistic-test", row, _ => new OptimisticUpdate.Change<string>(null, "uendret"), retries: 0, CancellationToken.None);

        Assert.Equal("uendret", answer);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("optimistic-test", row)).HasValue);
    }

    [Fact]
    public async Task ARaceLostMoreOftenThanAllowed_IsThrown_AndTheOtherWriteStands()
    {
        var table = await app.Storage.Table(StorageNames.Counters);
        var row = Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity("optimistic-test", row) { ["Value"] = 1L });

        // Someone else writes between every read and write of ours.
        var tries = 0;
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => OptimisticUpdate.Run(table, "optimistic-test", row, async current =>
        {
            tries++;
            await table.UpdateEntityAsync(new TableEntity("optimistic-test", row) { ["Value"] = 100L }, ETag.All, TableUpdateMode.Replace);
            return Increment(row, current);
        }, retries: 2, CancellationToken.None));

        Assert.Equal((412, 3), (failure.Status, tries));
        Assert.Equal(100, (await table.GetEntityAsync<TableEntity>("optimistic-test", row)).Value.GetInt64("Value"));
    }
}
