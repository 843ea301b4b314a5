using System.Security.Claims;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>One thing a person did in the workspace: who, when, what, on what.</summary>
public sealed record AuditEntry(DateTimeOffset At, string UserId, string UserName, string Action, string Target, string Detail);

/// <summary>
/// The audit trail of the workspace: every sign-in, sign-out and change made through a screen, kept in
/// the Audit table (partition = the month in Oslo, rows newest first). Nothing is ever changed or removed.
/// </summary>
public sealed class AuditTrail(StorageClients storage, TimeProvider clock)
{
    public async Task Record(ClaimsPrincipal user, string action, string target, string detail = "", CancellationToken ct = default)
    {
        var at = clock.GetUtcNow();
        var entity = new TableEntity(Partition(Oslo.DateOf(at)), $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}-{Guid.NewGuid():N}")
        {
            ["At"] = at,
            ["UserId"] = WorkspaceUser.Id(user),
            ["UserName"] = WorkspaceUser.Name(user),
            ["Action"] = action,
            ["Target"] = target,
            ["Detail"] = detail.Length > 4000 ? detail[..4000] : detail,
        };
        await (await storage.Table(StorageNames.Audit)).AddEntityAsync(entity, ct);
    }

    /// <summary>The newest entries first, from this month back, at most <paramref name="count"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> Latest(int count, string? target = null, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Audit);
        var entries = new List<AuditEntry>();
        var month = Oslo.Today(clock);
        for (var i = 0; i < 12 && entries.Count < count; i++, month = month.AddMonths(-1))
        {
            await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition(month)}"), cancellationToken: ct))
            {
                var entry = new AuditEntry(e.GetDateTimeOffset("At") ?? default, e.GetString("UserId") ?? "", e.GetString("UserName") ?? "",
                    e.GetString("Action") ?? "", e.GetString("Target") ?? "", e.GetString("Detail") ?? "");
                if (target is null || entry.Target == target)
                {
                    entries.Add(entry);
                }

                if (entries.Count >= count)
                {
                    break;
                }
            }
        }

        return entries;
    }

    private static string Partition(DateOnly date) => $"{date.Year:D4}-{date.Month:D2}";
}

/// <summary>Who a signed-in person is, whichever provider signed them in.</summary>
public static class WorkspaceUser
{
    /// <summary>Entra ID's object id, else the subject.</summary>
    public static string Id(ClaimsPrincipal user) =>
        user.FindFirst("oid")?.Value ?? user.FindFirst("sub")?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "";

    public static string Name(ClaimsPrincipal user) =>
        user.FindFirst("name")?.Value ?? user.Identity?.Name ?? user.FindFirst("preferred_username")?.Value ?? Id(user);
}
