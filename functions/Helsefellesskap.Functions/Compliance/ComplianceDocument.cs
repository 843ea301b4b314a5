using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Compliance;

/// <summary>The words for the timeline's states and counts, on screen and in the appendix alike.</summary>
public static class ComplianceText
{
    public static string State(ComplianceState state) => state switch
    {
        ComplianceState.Met => "Oppfylt",
        ComplianceState.Missed => "Ikke oppfylt",
        ComplianceState.NotApplicable => "Gjelder ikke",
        ComplianceState.Pending => "Ikke forfalt",
        _ => "Ukjent",
    };

    public static string Summary(ComplianceSummary s) =>
        $"{s.Met} oppfylt, {s.Missed} ikke oppfylt, {s.Pending} ikke forfalt, {s.NotApplicable} gjelder ikke" + (s.Unknown > 0 ? $", {s.Unknown} ukjent" : "");

    /// <summary>A deadline in words: one at midnight in Oslo is the end of the day before, "04.02.2027 kl. 24:00", as Norwegian deadlines are written.</summary>
    public static string Deadline(DateTimeOffset deadline)
    {
        var local = Oslo.LocalTime(deadline);
        return local.TimeOfDay == TimeSpan.Zero
            ? $"{Norwegian.ShortDate(DateOnly.FromDateTime(local.DateTime).AddDays(-1))} kl. 24:00"
            : Norwegian.DateTime(deadline);
    }

    /// <summary>The requirement, and whom or which case it concerns.</summary>
    public static string What(ComplianceRow r) => r.Subject is null ? r.Label : $"{r.Label} – {r.Subject}";
}

/// <summary>One row as the appendix prints it: every value in words.</summary>
public sealed record ComplianceRowView(string What, string Deadline, string Actual, string State, string Reason);

/// <summary>The model of templates/compliance.md.liquid: the appendix "Etterlevelse av fristene" to a meeting's minutes.</summary>
public sealed record ComplianceDocumentModel(BodyView Body, Documents.MeetingView Meeting, string ComputedAt, string Summary, IReadOnlyList<ComplianceRowView> Missed, IReadOnlyList<ComplianceRowView> Rows)
{
    public static ComplianceDocumentModel Of(ComplianceTimeline.MeetingView view, Body body, Meeting meeting)
    {
        var rows = view.Rows.Select(r => new ComplianceRowView(ComplianceText.What(r), r.Deadline is { } d ? ComplianceText.Deadline(d) : "–",
            r.Actual is { } a ? Norwegian.DateTime(a) : "–", ComplianceText.State(r.State), r.Reason ?? "")).ToList();
        return new(BodyView.Of(body), MeetingView.Of(meeting), Norwegian.DateTime(view.ComputedAt), ComplianceText.Summary(view.Summary),
            rows.Where(r => r.State == ComplianceText.State(ComplianceState.Missed)).ToList(), rows);
    }

    public static DocumentInfo Info(Body body, Meeting meeting) =>
        new($"Etterlevelse av fristene – {body.ShortName} {Norwegian.ShortDate(meeting.Date)}", body.CommunityName, "Vedlegg til referatet: etterlevelse av fristene i vedtektene",
            $"{body.Name} · {Norwegian.ShortDate(meeting.Date)} · Etterlevelse");
}
