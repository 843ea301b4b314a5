using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>
/// Starts and wakes the meetings' orchestrations (ADR 0019) through the invocation's Durable client. Off on Kestrel
/// (the tests' in-process app and the renderer): there the due index and the ticker move the cycles.
/// </summary>
public sealed class CycleOrchestrations(bool enabled, ILogger<CycleOrchestrations> log)
{
    public bool Enabled => enabled;

    /// <summary>
    /// Makes sure the meeting's orchestration runs and looks at its cycle again: started when there is none (or it has
    /// ended), woken when it waits (unless <paramref name="wake"/> is false: its own timer will do). Without a Durable
    /// client (work done at start) it does nothing: the next CycleTicker starts what is missing.
    /// </summary>
    public async Task Nudge(MeetingId meetingId, CancellationToken ct = default, bool wake = true)
    {
        if (!enabled || DurableClients.Current is not { } client)
        {
            return;
        }

        try
        {
            await StartOrWake(client, meetingId, wake, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // What the request changed is stored in the step log; the next CycleTicker starts or wakes the orchestration.
            log.LogWarning(e, "Cycle {MeetingId}: the orchestration could not be started or woken now; the next tick does it", meetingId);
        }
    }

    private async Task StartOrWake(DurableTaskClient client, MeetingId meeting, bool wake, CancellationToken ct)
    {
        var meetingId = meeting.Value; // the instance id, and the orchestration's input
        var instance = await client.GetInstanceAsync(meetingId, ct);
        if (instance is { IsRunning: true } or { RuntimeStatus: OrchestrationRuntimeStatus.Pending })
        {
            if (wake)
            {
                await client.RaiseEventAsync(meetingId, MeetingCycleOrchestration.Wake, "wake", ct);
            }

            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(MeetingCycleOrchestration.Name, meetingId, new StartOrchestrationOptions(meetingId), ct);
            log.LogInformation("Cycle {MeetingId}: orchestration started", meetingId);
        }
        catch (Exception e) when (e is InvalidOperationException or Grpc.Core.RpcException && !ct.IsCancellationRequested)
        {
            // Started by another request in between: wake that one.
            await client.RaiseEventAsync(meetingId, MeetingCycleOrchestration.Wake, "wake", ct);
        }
    }

    /// <summary>The orchestration's runtime status and the version it runs under, for the cycle status (null when off or none).</summary>
    public async Task<(string Status, string? Version)?> StatusOf(MeetingId meetingId, CancellationToken ct = default)
    {
        if (!enabled || DurableClients.Current is not { } client)
        {
            return null;
        }

        try
        {
            return await client.GetInstanceAsync(meetingId.Value, getInputsAndOutputs: true, ct) is { } instance
                ? (instance.RuntimeStatus.ToString(), instance.ReadCustomStatusAs<string>())
                : null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The cycle's status is read from the step log; the orchestration's state is extra, left out when unreadable.
            log.LogWarning(e, "Cycle {MeetingId}: the orchestration's state could not be read", meetingId);
            return null;
        }
    }
}
