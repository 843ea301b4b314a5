using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>The steps of a meeting's cycle, in the order they run (DESIGN.md §4).</summary>
public enum CycleStep
{
    DeadlineReminder,
    CaseDeadline,
    FreezeCheck,
    Summons,
}

public enum StepStatus
{
    Pending,
    Done,
    Skipped,
}

public sealed record PlannedStep(CycleStep Step, DateTimeOffset DueAt);

/// <summary>When each step of a meeting's cycle is due, from the body's offsets, in Europe/Oslo.</summary>
public static class CyclePlan
{
    /// <summary>Working steps run at 08:00 Oslo time, so emails arrive at the start of a working day.</summary>
    public static readonly TimeOnly MorningRun = new(8, 0);

    public static IReadOnlyList<PlannedStep> For(Meeting meeting, BodyRules rules) =>
    [
        new(CycleStep.DeadlineReminder, Oslo.At(meeting.Date.AddDays(-rules.DeadlineReminderDays), MorningRun)),
        // Right after the deadline day has ended.
        new(CycleStep.CaseDeadline, Oslo.StartOfDay(meeting.Date.AddDays(-rules.CaseDeadlineDays + 1))),
        new(CycleStep.FreezeCheck, Oslo.At(meeting.Date.AddDays(-rules.AgendaFreezeDays), MorningRun)),
        new(CycleStep.Summons, Oslo.At(meeting.Date.AddDays(-rules.SummonsDays), MorningRun)),
    ];

    /// <summary>
    /// A cycle planned late (an extraordinary meeting, a plan adopted late) skips the steps whose time
    /// has passed, except the summons: it is due at once, since it must go out "no later than".
    /// </summary>
    public static bool SkipWhenPlannedLate(PlannedStep step, DateTimeOffset now) =>
        step.DueAt < now && step.Step != CycleStep.Summons;

    public static string Label(CycleStep step) => step switch
    {
        CycleStep.DeadlineReminder => "Påminnelse om saksfrist",
        CycleStep.CaseDeadline => "Saksfrist",
        CycleStep.FreezeCheck => "Kontroll av fastsatt saksliste",
        CycleStep.Summons => "Innkalling med saksliste og sakspapirer",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
