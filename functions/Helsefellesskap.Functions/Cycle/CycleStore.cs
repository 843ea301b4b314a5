using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>A cycle instance: which step is next and when, guarded by the ETag of its row.</summary>
public sealed record CycleInstance(MeetingId MeetingId, string Body, CycleStep? NextStep, DateTimeOffset? NextDueAt, ETag ETag);

/// <summary>
/// One step of a cycle: when it was planned, when it ran and what came of it. A step that could not
/// finish yet, or failed, waits for <see cref="RetryAt"/>; <see cref="Failures"/> counts its failures
/// in a row (rows written before these two existed read as none).
/// </summary>
public sealed record StepRecord(CycleStep Step, DateTimeOffset PlannedAt, StepStatus Status, DateTimeOffset? DoneAt, string? Outcome, DateTimeOffset? RetryAt = null, int Failures = 0)
{
    /// <summary>When the step is due: its retry time if it has one, else its planned time.</summary>
    public DateTimeOffset DueAt => RetryAt ?? PlannedAt;
}

/// <summary>
/// Cycles in Table storage. Instances: table Cycles (partition "cycle", row = meeting id). Their steps,
/// one row each: table CycleSteps (partition = meeting id). Due times: table CycleDue (partition "due",
/// row = due time in ticks + meeting id), so a tick reads only the instances that are due.
/// </summary>
public sealed class CycleStore(StorageClients storage)
{
    private const string Cycles = StorageNames.Cycles;
    private const string Steps = StorageNames.CycleSteps;
    private const string Due = StorageNames.CycleDue;

    /// <summary>
    /// Creates the instance and its step rows unless the meeting has a cycle already. Existing step rows
    /// are never overwritten, so planning again (every start re-seeds the demo) keeps the history.
    /// </summary>
    public async Task<bool> Create(MeetingId meetingId, string body, IReadOnlyList<StepRecord> steps, CancellationToken ct = default)
    {
        if (await Find(meetingId, ct) is not null)
        {
            return false;
        }

        var stepsTable = await storage.Table(Steps);
        foreach (var step in steps)
        {
            try
            {
                await stepsTable.AddEntityAsync(ToEntity(meetingId, step), ct);
            }
            catch (RequestFailedException e) when (e.IsConflict())
            {
                // Written by a creation that died before adding the instance, or racing this one.
            }
        }

        var next = CyclePlan.Next(steps);
        var cycles = await storage.Table(Cycles);
        try
        {
            await cycles.AddEntityAsync(new TableEntity("cycle", meetingId.Value)
            {
                ["Body"] = body,
                ["NextStep"] = next?.Step.ToString(),
                ["NextDueAt"] = next?.DueAt,
            }, ct);
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }

        if (next is not null)
        {
            await Index(meetingId, next.DueAt, ct);
        }

        return true;
    }

    public async Task<CycleInstance?> Find(MeetingId meetingId, CancellationToken ct = default)
    {
        var cycles = await storage.Table(Cycles);
        var found = await cycles.GetEntityIfExistsAsync<TableEntity>("cycle", meetingId.Value, cancellationToken: ct);
        if (!found.HasValue)
        {
            return null;
        }

        var e = found.Value!;
        return new CycleInstance(meetingId, e.GetString("Body"),
            e.GetString("NextStep") is { } step ? Enum.Parse<CycleStep>(step) : null, e.GetDateTimeOffset("NextDueAt"), e.ETag);
    }

    public async Task<IReadOnlyList<StepRecord>> StepsOf(MeetingId meetingId, CancellationToken ct = default)
    {
        var table = await storage.Table(Steps);
        var result = new List<StepRecord>();
        var partition = meetingId.Value;
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: ct))
        {
            result.Add(FromEntity(e));
        }

        return result.OrderBy(s => s.PlannedAt).ThenBy(s => s.Step).ToList();
    }

    /// <summary>The steps, across all cycles, that failed and wait to be tried again (for health).</summary>
    public async Task<int> FailingSteps(CancellationToken ct = default)
    {
        var table = await storage.Table(Steps);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Status eq {nameof(StepStatus.Pending)} and Failures gt {0}"), select: ["RowKey"], cancellationToken: ct))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Changes a step that is still pending, under its row's ETag: a step another run has taken meanwhile (done or
    /// skipped) is never put back, and a change made meanwhile is read and <paramref name="change"/>d again.
    /// False when the step was no longer pending, or <paramref name="change"/> gave nothing to write.
    /// </summary>
    public async Task<bool> UpdatePending(MeetingId meetingId, CycleStep step, Func<StepRecord, StepRecord?> change, CancellationToken ct = default)
    {
        var table = await storage.Table(Steps);
        return await OptimisticUpdate.Run(table, meetingId.Value, step.ToString(), current =>
            current is not null && FromEntity(current) is { Status: StepStatus.Pending } pending && change(pending) is { } changed
                ? new OptimisticUpdate.Change<bool>(ToEntity(meetingId, changed), true)
                : new OptimisticUpdate.Change<bool>(null, false), retries: 10, ct);
    }

    /// <summary>Moves the instance on to its next step. False if someone else moved it first (the ETag changed).</summary>
    public async Task<bool> Advance(CycleInstance instance, StepRecord? next, CancellationToken ct = default)
    {
        var cycles = await storage.Table(Cycles);
        try
        {
            await cycles.UpdateEntityAsync(new TableEntity("cycle", instance.MeetingId.Value)
            {
                ["Body"] = instance.Body,
                ["NextStep"] = next?.Step.ToString(),
                ["NextDueAt"] = next?.DueAt,
            }, instance.ETag, TableUpdateMode.Replace, ct);
        }
        catch (RequestFailedException e) when (e.IsPreconditionFailed())
        {
            return false;
        }

        if (next is not null)
        {
            await Index(instance.MeetingId, next.DueAt, ct);
        }

        return true;
    }

    /// <summary>The meetings with a step due at or before <paramref name="now"/>, with the index rows that named them.</summary>
    public async Task<IReadOnlyList<(MeetingId MeetingId, string IndexRow)>> DueBy(DateTimeOffset now, CancellationToken ct = default)
    {
        var table = await storage.Table(Due);
        var upTo = Key(now.UtcTicks + 1, "");
        var result = new List<(MeetingId, string)>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq 'due' and RowKey lt {upTo}"), select: ["RowKey"], cancellationToken: ct))
        {
            // Index rows are the app's own writing: the id after the ticks is one it formatted.
            result.Add((MeetingId.Parse(e.RowKey[(e.RowKey.IndexOf('_', StringComparison.Ordinal) + 1)..]), e.RowKey));
        }

        return result;
    }

    public async Task RemoveIndex(string indexRow, CancellationToken ct = default)
    {
        var table = await storage.Table(Due);
        await table.DeleteEntityAsync("due", indexRow, ETag.All, ct);
    }

    public static string IndexRowFor(MeetingId meetingId, DateTimeOffset dueAt) => Key(dueAt.UtcTicks, meetingId.Value);

    private async Task Index(MeetingId meetingId, DateTimeOffset dueAt, CancellationToken ct)
    {
        var table = await storage.Table(Due);
        await table.UpsertEntityAsync(new TableEntity("due", IndexRowFor(meetingId, dueAt)), TableUpdateMode.Replace, ct);
    }

    private static string Key(long ticks, string meetingId) => ticks.ToString("D19", CultureInfo.InvariantCulture) + "_" + meetingId;

    private static StepRecord FromEntity(TableEntity e) =>
        new(Enum.Parse<CycleStep>(e.RowKey), e.GetDateTimeOffset("PlannedAt")!.Value, Enum.Parse<StepStatus>(e.GetString("Status")),
            e.GetDateTimeOffset("DoneAt"), e.GetString("Outcome"), e.GetDateTimeOffset("RetryAt"), e.GetInt32("Failures") ?? 0);

    internal static TableEntity ToEntity(MeetingId meetingId, StepRecord s) => new(meetingId.Value, s.Step.ToString())
    {
        ["PlannedAt"] = s.PlannedAt,
        ["Status"] = s.Status.ToString(),
        ["DoneAt"] = s.DoneAt,
        ["Outcome"] = s.Outcome,
        ["RetryAt"] = s.RetryAt,
        ["Failures"] = s.Failures,
    };
}
