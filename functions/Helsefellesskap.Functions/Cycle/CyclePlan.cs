using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>The steps of a meeting's cycle, in the order they run (docs/rules.md).</summary>
public enum CycleStep
{
    DeadlineReminder,
    CaseDeadline,
    FreezeCheck,
    Summons,
    MinutesDraft,
    Approval,
    Publication,
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
        // The first working day after the meeting; the approval window follows the day the draft is sent.
        new(CycleStep.MinutesDraft, Oslo.At(WorkingDays.Next(meeting.Date), MorningRun)),
        new(CycleStep.Approval, ApprovalDue(WorkingDays.Next(meeting.Date), rules)),
        // Published no later than T + 7 d: the end of that day; approval moves it to "at once". When holidays
        // put the approval after that, publication can only follow it (and the secretariat was warned at planning).
        new(CycleStep.Publication, Max(Oslo.StartOfDay(meeting.Date.AddDays(rules.PublicationDays + 1)), ApprovalDue(WorkingDays.Next(meeting.Date), rules))),
    ];

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>A draft sent on <paramref name="draftDay"/> is approved when the 4th working day after it has ended.</summary>
    public static DateTimeOffset ApprovalDue(DateOnly draftDay, BodyRules rules) =>
        Oslo.StartOfDay(WorkingDays.After(draftDay, rules.MinutesApprovalWorkingDays).AddDays(1));

    /// <summary>
    /// A cycle planned late (an extraordinary meeting, a plan adopted late) skips the steps whose time
    /// has passed, except the summons: it is due at once, since it must go out "no later than".
    /// </summary>
    public static bool SkipWhenPlannedLate(PlannedStep step, DateTimeOffset now) =>
        step.DueAt < now && step.Step != CycleStep.Summons;

    /// <summary>
    /// The step the cycle runs next: the pending step due first (a step being retried is due at its
    /// retry time), and of steps due at the same time the one earlier in the cycle. Null when none is pending.
    /// </summary>
    public static StepRecord? Next(IEnumerable<StepRecord> steps) =>
        steps.Where(s => s.Status == StepStatus.Pending).OrderBy(s => s.DueAt).ThenBy(s => s.Step).FirstOrDefault();

    /// <summary>
    /// A step whose purpose has passed is not run (when the ticker was down, say): a reminder after the
    /// case deadline, an escalation after the summons time, a summons once the meeting has begun.
    /// </summary>
    public static bool PurposePassed(CycleStep step, Meeting meeting, BodyRules rules, DateTimeOffset now) => step switch
    {
        CycleStep.DeadlineReminder => now >= Oslo.StartOfDay(meeting.Date.AddDays(-rules.CaseDeadlineDays + 1)),
        CycleStep.FreezeCheck => now >= Oslo.At(meeting.Date.AddDays(-rules.SummonsDays), MorningRun),
        CycleStep.Summons => now >= Oslo.At(meeting.Date, meeting.Start),
        _ => false,
    };

    /// <summary>How long a failed step waits before it is tried again: 5 minutes, doubling, at most 6 hours.</summary>
    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMinutes(Math.Min(5 * Math.Pow(2, Math.Max(0, failures - 1)), 360));

    public static string Label(CycleStep step) => step switch
    {
        CycleStep.DeadlineReminder => "Påminnelse om saksfrist",
        CycleStep.CaseDeadline => "Saksfrist",
        CycleStep.FreezeCheck => "Kontroll av fastsatt saksliste",
        CycleStep.Summons => "Innkalling med saksliste og sakspapirer",
        CycleStep.MinutesDraft => "Utkast til referat sendt",
        CycleStep.Approval => "Referatet godkjent",
        CycleStep.Publication => "Referatet publisert",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
