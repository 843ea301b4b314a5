using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>Where a meeting's cycle stands, for the secretariat: each step, what is late, what is at risk.</summary>
public sealed class CycleStatus(CycleStore store, AgendaService agendas, MeetingStore meetings, CycleOrchestrations orchestrations, TimeProvider clock)
{
    /// <summary>A step done more than this after its planned time counts as late.</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(15);

    public sealed record StepView(string Step, string Label, DateTimeOffset PlannedAt, StepStatus Status, DateTimeOffset? DoneAt, string? Outcome, bool Late, int Failures = 0);

    public sealed record NextView(string Step, string Label, DateTimeOffset DueAt);

    /// <param name="Orchestration">Under the Functions host, the meeting's Durable orchestration's status ("Running" while it waits for a step; null on Kestrel or when none runs).</param>
    /// <param name="OrchestrationVersion">The orchestration's version (host.json's defaultVersion when it started).</param>
    public sealed record CycleView(string MeetingId, DateOnly Date, bool AgendaFrozen, NextView? Next, IReadOnlyList<StepView> Steps, IReadOnlyList<string> Warnings, string? Orchestration = null, string? OrchestrationVersion = null);

    /// <summary>Every step of a meeting's cycle, planned and actual, the next step, and warnings; null if the meeting has no cycle.</summary>
    public async Task<CycleView?> For(MeetingId id, CancellationToken ct)
    {
        var meeting = await meetings.FindMeeting(id, ct);
        var instance = meeting is null ? null : await store.Find(meeting.Id, ct);
        if (meeting is null || instance is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var records = await store.StepsOf(meeting.Id, ct);
        var steps = records
            .Select(s => new StepView(s.Step.ToString(), CyclePlan.Label(s.Step), s.PlannedAt, s.Status, s.DoneAt, s.Outcome,
                s.Status == StepStatus.Done && s.DoneAt > s.PlannedAt + Tolerance, s.Failures))
            .ToList();
        var warnings = new List<string>();
        if (instance.NextDueAt is { } due && due + Tolerance < now)
        {
            warnings.Add($"Steget «{CyclePlan.Label(instance.NextStep!.Value)}» skulle vært utført {Norwegian.DateTime(due)} og er forsinket.");
        }

        warnings.AddRange(steps.Where(s => s.Late).Select(s => $"Steget «{s.Label}» ble utført for sent ({Norwegian.DateTime(s.DoneAt!.Value)}, planlagt {Norwegian.DateTime(s.PlannedAt)})."));
        warnings.AddRange(records.Where(s => s.Status == StepStatus.Pending && s.Failures > 0)
            .Select(s => $"Steget «{CyclePlan.Label(s.Step)}» har feilet {s.Failures} gang(er) på rad: {s.Outcome}."));
        var frozen = (await agendas.State(meeting.Id, ct)).Frozen;
        var body = await meetings.FindBody(meeting.Body, ct);
        if (!frozen && body is not null && Oslo.DateOf(now) >= meeting.Date.AddDays(-body.Rules.AgendaFreezeDays))
        {
            warnings.Add("Sakslisten er ikke fastsatt.");
        }

        if (body is { Kind: BodyKind.Dialogue or BodyKind.Partnership })
        {
            var counterpart = body.Kind == BodyKind.Dialogue ? BodyKind.Partnership : BodyKind.Dialogue;
            var others = new List<Meeting>();
            foreach (var b in (await meetings.Bodies(ct)).Where(b => b.Kind == counterpart))
            {
                others.AddRange(await meetings.Plan(b.Code, ct));
            }

            if (PairedMeetings.Warning(meeting, body.Kind, others) is { } paired)
            {
                warnings.Add(paired);
            }
        }

        // "Publiseringsfristen er i fare": the draft must go by the last day whose approval window ends by T + 7 d.
        if (body is not null && steps.SingleOrDefault(s => s.Step == nameof(CycleStep.MinutesDraft)) is { Status: StepStatus.Pending })
        {
            var latest = Minutes.MeetingRules.LatestDraftDay(meeting, body.Rules);
            var today = Oslo.DateOf(now);
            if (latest is null && today >= meeting.Date)
            {
                warnings.Add("Publiseringsfristen kan ikke nås: med 4 virkedagers merknadsfrist rekker ikke referatet å bli godkjent innen 7 dager.");
            }
            else if (latest is { } day && today >= day)
            {
                warnings.Add($"Publiseringsfristen er i fare: utkast til referat må sendes senest {Norwegian.LongDate(day)}.");
            }
        }

        var next = instance.NextStep is { } step && instance.NextDueAt is { } at ? new NextView(step.ToString(), CyclePlan.Label(step), at) : null;
        var orchestration = await orchestrations.StatusOf(meeting.Id, ct);
        return new CycleView(id.Value, meeting.Date, frozen, next, steps, warnings, orchestration?.Status, orchestration?.Version);
    }
}
