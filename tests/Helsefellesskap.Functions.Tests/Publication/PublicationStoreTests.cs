using Helsefellesskap.Functions.Publication;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Publication;

/// <summary>A public document keeps its address: publishing again after a crash finds what it stored; only a changed document gets a new version.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PublicationStoreTests(AppFixture app)
{
    [Fact]
    public async Task PublishingTheSameSourceAgain_KeepsTheStableAddress()
    {
        var store = app.Service<PublicationStore>();
        var path = $"test/{Guid.NewGuid():N}/referat";
        var first = await store.Put(path, TestFiles.Pdf("Referat"), "kilde-1", default);
        var again = await store.Put(path, TestFiles.Pdf("Referat, skrevet ut på nytt"), "kilde-1", default);
        var changed = await store.Put(path, TestFiles.Pdf("Rettet referat"), "kilde-2", default);

        Assert.EndsWith($"{path}.pdf", first);
        Assert.Equal(first, again);
        Assert.EndsWith($"{path}-v2.pdf", changed);
    }
}
