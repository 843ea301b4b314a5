using Azure.Data.Tables;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>
/// The ticker finds pending mail through its index, which is written and removed in one transaction with
/// the message; mail recorded before the index existed is found too, and a stray index row stops nothing.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class PendingMailTests(AppFixture app)
{
    private static EmailMessage Message(string id) => new(id, [new EmailAddress("kari.nordli@example.org", "Kari Nordli")], "Påminnelse", "Tekst", "<p>Tekst</p>", []);

    /// <summary>Whether the message has its row in the index of pending mail.</summary>
    internal static async Task<bool> Indexed(StorageClients storage, string id) =>
        (await (await storage.Table(StorageNames.Outbox)).GetEntityIfExistsAsync<TableEntity>("email", "!pending." + id)).HasValue;

    /// <summary>An outbox row as the app wrote it before the index: no index row beside it.</summary>
    private async Task<string> OldShapeRow(string prefix)
    {
        var table = await app.Storage.Table(StorageNames.Outbox);
        var id = $"{prefix}.{Guid.NewGuid():N}";
        await table.AddEntityAsync(new TableEntity("email", id)
        {
            ["MessageId"] = id, ["State"] = "Pending", ["CreatedAt"] = AppFixture.Start, ["Attempts"] = 0, ["Message"] = Json.Write(Message(id)),
        });
        return id;
    }

    [Fact]
    public async Task RecordedMail_IsIndexed_UntilItIsSent()
    {
        var outbox = app.Service<EmailOutbox>();
        var id = $"test.pending.{Guid.NewGuid():N}";
        Assert.True(await outbox.Record(Message(id)));
        Assert.True(await Indexed(app.Storage, id));
        Assert.False(await outbox.Record(Message(id)));

        Assert.True(await outbox.SendPending() >= 1);

        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(id));
        Assert.False(await Indexed(app.Storage, id));
        var list = await app.Service<OutboxLog>().List(id, null, 10);
        Assert.Equal([id], list.Select(e => e.MessageId));
    }

    [Fact]
    public async Task MailRecordedBeforeTheIndex_IsSent_ByAnInstanceThatIndexesIt()
    {
        var id = await OldShapeRow("test.old");
        var table = await app.Storage.Table(StorageNames.Outbox);
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
        Assert.False(await Indexed(app.Storage, id));
    }

    [Fact]
    public async Task MailRecordedBeforeTheIndex_IsSentDirectly_WithoutAnIndexRowToRemove()
    {
        var id = await OldShapeRow("test.old-direct");

        Assert.Equal(EmailOutbox.State.Sent, await app.Service<EmailOutbox>().TrySend(id));

        Assert.Equal(EmailOutbox.State.Sent, await app.Service<EmailOutbox>().StateOf(id));
    }

    [Fact]
    public async Task AnIndexRowWithoutItsMessage_IsDropped_AndTheOtherMailIsSent()
    {
        var table = await app.Storage.Table(StorageNames.Outbox);
        var stray = $"test.stray.{Guid.NewGuid():N}";
        await table.UpsertEntityAsync(new TableEntity("email", "!pending." + stray));
        var outbox = app.Service<EmailOutbox>();
        var id = $"test.after-stray.{Guid.NewGuid():N}";
        await outbox.Record(Message(id));

        await outbox.SendPending();

        Assert.False(await Indexed(app.Storage, stray));
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(id));
    }
}
