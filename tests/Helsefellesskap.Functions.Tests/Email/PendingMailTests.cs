using Azure.Data.Tables;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>The ticker finds pending mail through its index; mail recorded before the index existed is found too.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PendingMailTests(AppFixture app)
{
    private static EmailMessage Message(string id) => new(id, [new EmailAddress("kari.nordli@example.org", "Kari Nordli")], "Påminnelse", "Tekst", "<p>Tekst</p>", []);

    private async Task<bool> Indexed(string id) =>
        (await (await app.Storage.Table(StorageNames.Outbox)).GetEntityIfExistsAsync<TableEntity>("pending", id)).HasValue;

    [Fact]
    public async Task RecordedMail_IsIndexed_UntilItIsSent()
    {
        var outbox = app.Service<EmailOutbox>();
        var id = $"test.pending.{Guid.NewGuid():N}";
        await outbox.Record(Message(id));
        Assert.True(await Indexed(id));

        await outbox.SendPending();

        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(id));
        Assert.False(await Indexed(id));
    }

    [Fact]
    public async Task MailRecordedBeforeTheIndex_IsSent_ByAnInstanceThatIndexesIt()
    {
        // The old shape: an outbox row as the app wrote it before the index (no index row), and no marker.
        var table = await app.Storage.Table(StorageNames.Outbox);
        var id = $"test.old.{Guid.NewGuid():N}";
        await table.AddEntityAsync(new TableEntity("email", id)
        {
            ["MessageId"] = id, ["State"] = "Pending", ["CreatedAt"] = AppFixture.Start, ["Attempts"] = 0, ["Message"] = Storage.Json.Write(Message(id)),
        });
        await table.DeleteEntityAsync("meta", "pending-indexed");

        var other = await app.StartAnother();
        try
        {
            await other.Services.GetRequiredService<EmailOutbox>().SendPending();
        }
        finally
        {
            await other.StopAsync();
            await other.DisposeAsync();
        }

        Assert.Equal(EmailOutbox.State.Sent, await app.Service<EmailOutbox>().StateOf(id));
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("meta", "pending-indexed")).HasValue);
        Assert.False(await Indexed(id));
    }

    [Fact]
    public async Task AnIndexRowWithoutItsMessage_IsDropped_OnlyWhenNoLongerInProgress()
    {
        var pending = app.Service<PendingMail>();
        var id = $"test.orphan.{Guid.NewGuid():N}";
        await pending.Add(id, default);

        await app.Service<EmailOutbox>().SendPending();
        Assert.True(await Indexed(id));

        app.Clock.Set(AppFixture.Start + PendingMail.OrphanAfter + TimeSpan.FromMinutes(1));
        await app.Service<EmailOutbox>().SendPending();
        Assert.False(await Indexed(id));
    }
}
