using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Compliance;

/// <summary>How a row is made and worded: met, missed (late by how much, or not done), not yet due.</summary>
public static partial class ComplianceRules
{
    /// <summary>"Approved if no participant asks for changes within 4 working days"; after change requests the secretariat approves.</summary>
    private static ComplianceRow Approval(MinutesState minutes, BodyRules rules, DateTimeOffset now)
    {
        var label = $"Referatet godkjent etter {rules.MinutesApprovalWorkingDays} virkedager uten merknader, eller av sekretariatet etter endringsønsker";
        var windowEnd = minutes.ApprovalDeadline is { } last ? EndOf(last) : (DateTimeOffset?)null;
        if (minutes.ApprovedAt is not { } approved)
        {
            var open = minutes.OpenRequests.Count;
            return new("approval", label, null, windowEnd, null, ComplianceState.Pending,
                minutes.DraftSentAt is null ? "Utkastet er ikke sendt." : open > 0 ? $"Venter på sekretariatet: {Norwegian.Count(open, "endringsønske", "endringsønsker")}." : null);
        }

        if (minutes.ApprovedBy != MinutesState.BySecretariat)
        {
            return windowEnd is { } end && approved < end
                ? new("approval", label, null, windowEnd, approved, ComplianceState.Missed, "Godkjent før merknadsfristen gikk ut.")
                : new("approval", label, null, windowEnd, approved, ComplianceState.Met, "Ingen merknader innen fristen.");
        }

        var requests = minutes.ChangeRequests.Count;
        if (requests > 0)
        {
            return new("approval", label, null, windowEnd, approved, ComplianceState.Met, $"Godkjent av sekretariatet etter {Norwegian.Count(requests, "endringsønske", "endringsønsker")}.");
        }

        return windowEnd is { } close && approved < close
            ? new("approval", label, null, windowEnd, approved, ComplianceState.Missed, "Godkjent av sekretariatet før merknadsfristen gikk ut, uten at noen hadde bedt om endringer.")
            : new("approval", label, null, windowEnd, approved, ComplianceState.Met, "Godkjent av sekretariatet etter merknadsfristen.");
    }

    private static ComplianceRow NotRecorded(string requirement, string label, Meeting meeting, DateTimeOffset now) =>
        new(requirement, label, null, null, null, ComplianceState.Pending, Oslo.DateOf(now) >= meeting.Date ? "Møtets utfall er ikke registrert." : null);

    /// <summary>An email that must have gone by a deadline: met, missed (late, failed or never sent), or pending until its deadline.</summary>
    private static ComplianceRow Sent(string requirement, string label, string subject, DateTimeOffset deadline, Sending? sending, DateTimeOffset now)
    {
        if (sending?.SentAt is { } sent)
        {
            // A deadline is the first instant after its day: an action at that very instant is in time.
            return sent <= deadline
                ? new(requirement, label, subject, deadline, sent, ComplianceState.Met, null)
                : new(requirement, label, subject, deadline, sent, ComplianceState.Missed, $"Sendt {Late(sent, deadline)} etter fristen.");
        }

        var why = sending switch
        {
            null => "Ikke sendt.",
            { State: EmailOutbox.State.Failed } => $"Utsendelsen feilet og er gitt opp: {sending.LastError}",
            { LastError: { } error } => $"Ikke sendt ennå; siste forsøk feilet: {error}",
            _ => "Ikke sendt ennå.",
        };
        return now < deadline
            ? new(requirement, label, subject, deadline, null, ComplianceState.Pending, sending is null ? null : why)
            : new(requirement, label, subject, deadline, null, ComplianceState.Missed, why);
    }

    /// <summary>Something that must happen by a deadline, without a recipient of its own.</summary>
    private static ComplianceRow At(string requirement, string label, string? subject, DateTimeOffset deadline, DateTimeOffset? actual, DateTimeOffset now, string late, string missing) =>
        actual is { } at
            ? new(requirement, label, subject, deadline, at, at <= deadline ? ComplianceState.Met : ComplianceState.Missed, at <= deadline ? null : $"{late} {Late(at, deadline)} etter fristen.")
            : new(requirement, label, subject, deadline, null, now < deadline ? ComplianceState.Pending : ComplianceState.Missed, now < deadline ? null : missing);

    /// <summary>How late, in words: "3 dager", "5 timer", "20 minutter".</summary>
    public static string Late(DateTimeOffset actual, DateTimeOffset deadline)
    {
        var late = actual - deadline;
        return late.TotalDays >= 1 ? Norwegian.Count((int)late.TotalDays, "dag", "dager")
            : late.TotalHours >= 1 ? Norwegian.Count((int)late.TotalHours, "time", "timer")
            : Norwegian.Count(Math.Max(1, (int)Math.Ceiling(late.TotalMinutes)), "minutt", "minutter");
    }

    private static string Who(Member m, IReadOnlyList<Member> roster) =>
        m.Role == MemberRole.Deputy
            ? m.DeputyFor is { } of && roster.FirstOrDefault(x => x.Id == of) is { } member ? $"{m.Name} (vara for {member.Name})" : $"{m.Name} (vara)"
            : m.Name;
}
