using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Email;

/// <summary>
/// The mail provider refusing the app's credentials (401 or 403: a rotated or revoked API key, a sender not verified).
/// No email can go until someone fixes the configuration, and the usual alert (an email to the secretariat) goes through
/// the same provider, so this is said another way: kept in storage (table Outbox, partition "provider", row
/// "authentication") for every instance's health ("unhealthy") and the workspace's banner, and cleared by the next
/// email the provider takes. Read at most every 15 seconds per instance.
/// </summary>
public sealed class MailProviderAlert(StorageClients storage, TimeProvider clock)
{
    private const string Partition = "provider";
    private const string Row = "authentication";
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(15);

    /// <param name="Since">The first refusal of this spell.</param>
    /// <param name="Error">What the provider answered last.</param>
    public sealed record Refusal(DateTimeOffset Since, string Error);

    private sealed record Snapshot(DateTimeOffset ReadAt, Refusal? Value);

    private volatile Snapshot? cached;

    /// <summary>The refusal going on now, or null.</summary>
    public async Task<Refusal?> Current(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (cached is { } c && now - c.ReadAt < Fresh && now >= c.ReadAt)
        {
            return c.Value;
        }

        var table = await storage.Table(StorageNames.Outbox);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: ct);
        var value = found.HasValue ? new Refusal(found.Value!.GetDateTimeOffset("Since")!.Value, found.Value.GetString("Error") ?? "") : null;
        cached = new Snapshot(now, value);
        return value;
    }

    /// <summary>The provider refused the credentials: the spell begins (or goes on, keeping when it began).</summary>
    public async Task Raise(string error, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Outbox);
        var since = (await Current(ct))?.Since ?? clock.GetUtcNow();
        await table.UpsertEntityAsync(new TableEntity(Partition, Row) { ["Since"] = since, ["Error"] = error.Length > 1000 ? error[..1000] : error }, TableUpdateMode.Replace, ct);
        cached = new Snapshot(clock.GetUtcNow(), new Refusal(since, error));
    }

    /// <summary>The provider took an email: a spell of refusals is over (nothing is written when none is known).</summary>
    public async Task Clear(CancellationToken ct = default)
    {
        if (await Current(ct) is null)
        {
            return;
        }

        var table = await storage.Table(StorageNames.Outbox);
        await table.DeleteEntityAsync(Partition, Row, cancellationToken: ct);
        cached = new Snapshot(clock.GetUtcNow(), null);
    }

    /// <summary>What the secretariat reads in the workspace and the health answer.</summary>
    public static string Message(Refusal refusal) =>
        $"E-postleverandøren avviser appens nøkkel eller avsender siden {Common.Norwegian.DateTime(refusal.Since)} ({refusal.Error}). Ingen e-post går ut før innstillingen for e-post er rettet; e-postene venter i utboksen og sendes når leverandøren tar imot dem igjen.";
}
