using Helsefellesskap.Functions.Documents;

namespace Helsefellesskap.Functions.Email;

// What each email template sees (snake_case in Liquid: meeting.date_long). Values are already in the
// words and formats a Norwegian reader expects; "community" (the community's name) is always there.

/// <summary>Every email the app sends: its template and its model.</summary>
public static class Emails
{
    public static readonly EmailTemplate<CaseReceiptEmail> CaseReceipt = new("case-receipt");
    public static readonly EmailTemplate<CaseDecisionEmail> CaseDecision = new("case-decision");
    public static readonly EmailTemplate<CaseMeetingCancelledEmail> CaseMeetingCancelled = new("case-meeting-cancelled");
    public static readonly EmailTemplate<MeetingChangedEmail> MeetingChanged = new("meeting-changed");
    public static readonly EmailTemplate<ReminderEmail> Reminder = new("reminder");
    public static readonly EmailTemplate<DeadlineEmail> Deadline = new("deadline");
    public static readonly EmailTemplate<FreezeEscalationEmail> FreezeEscalation = new("freeze-escalation");
    public static readonly EmailTemplate<AutoFreezeEmail> AutoFreeze = new("auto-freeze");
    public static readonly EmailTemplate<SummonsEmail> Summons = new("summons");
    public static readonly EmailTemplate<AbsenceConfirmationEmail> AbsenceConfirmation = new("absence-confirmation");
    public static readonly EmailTemplate<AbsenceNoticeEmail> AbsenceNotice = new("absence-notice");
    public static readonly EmailTemplate<MinutesWaitingEmail> MinutesWaiting = new("minutes-waiting");
    public static readonly EmailTemplate<StepFailedEmail> StepFailed = new("step-failed");
    public static readonly EmailTemplate<StepSkippedEmail> StepSkipped = new("step-skipped");
    public static readonly EmailTemplate<PublicationAtRiskEmail> PublicationAtRisk = new("publication-at-risk");
    public static readonly EmailTemplate<EmailFailedEmail> EmailFailed = new("email-failed");
    public static readonly EmailTemplate<MinutesDraftEmail> MinutesDraft = new("minutes-draft");
    public static readonly EmailTemplate<MinutesChangeEmail> MinutesChange = new("minutes-change");
    public static readonly EmailTemplate<PublishedEmail> Published = new("published");
}

public sealed record FactView(string Label, string Value);

public sealed record CaseReceiptEmail(string Name, BodyView Body, string Reference, string Title, IReadOnlyList<FactView> Facts, string StatusUrl);

/// <param name="Rejected">True: the case cannot go on the agenda; false: it is sent on elsewhere.</param>
public sealed record CaseDecisionEmail(string Name, string Title, string Reference, bool Rejected, string Reason);

/// <param name="NextMeeting">The meeting the case moves to ("torsdag 8. april 2027"); null when there is none yet.</param>
public sealed record CaseMeetingCancelledEmail(string Name, BodyView Body, MeetingView Meeting, string Title, string Reference, string? NextMeeting);

/// <param name="Cancelled">True: the meeting is cancelled; false: it is moved (Meeting is the new time and place).</param>
/// <param name="NextMeeting">For a cancelled meeting: where its cases go.</param>
public sealed record MeetingChangedEmail(string Name, BodyView Body, MeetingView Meeting, bool Cancelled, string? NextMeeting);

public sealed record ReminderEmail(string Name, BodyView Body, MeetingView Meeting, string DeadlineLong, string DeadlineShort, string FormUrl);

public sealed record CaseLineView(string Reference, string Title, string From);

public sealed record DeadlineEmail(BodyView Body, MeetingView Meeting, string DeadlineLong, IReadOnlyList<CaseLineView> Cases, string FreezeBy);

public sealed record FreezeEscalationEmail(BodyView Body, MeetingView Meeting, string SummonsDay);

public sealed record AutoFreezeEmail(BodyView Body, MeetingView Meeting, IReadOnlyList<AgendaItemView> Agenda);

/// <param name="Role">"member", "deputy", "speaking_right" or "observer".</param>
/// <param name="CalledIn">A deputy called in for an absent member (votes in the member's place).</param>
/// <param name="PapersUrl">A personal link to the papers when they are too large to attach; null when attached.</param>
/// <param name="AbsenceUrl">The personal absence link, for those who vote.</param>
public sealed record SummonsEmail(string Name, string Role, bool CalledIn, BodyView Body, MeetingView Meeting, IReadOnlyList<AgendaItemView> Agenda, string? PapersUrl, string? AbsenceUrl, string? Replaces = null, bool Extraordinary = false);

/// <param name="StandIn">"Navn (Organisasjon)" of the deputy called in; null when there is none.</param>
public sealed record AbsenceConfirmationEmail(string Name, BodyView Body, MeetingView Meeting, string? StandIn);

public sealed record AbsenceNoticeEmail(string Name, string Organisation, BodyView Body, MeetingView Meeting, string? Reason, string? StandIn);

/// <param name="LatestDraftDay">The last day the draft can go out and still be published in time; null when none can.</param>
public sealed record MinutesWaitingEmail(BodyView Body, MeetingView Meeting, string MeetingId, string? LatestDraftDay);

public sealed record MinutesDraftEmail(string Name, BodyView Body, MeetingView Meeting, string DeadlineLong, string DeadlineShort, int WorkingDays, string ChangeUrl);

public sealed record MinutesChangeEmail(string MeetingId, int Version, string Text);

public sealed record PublishedEmail(BodyView Body, MeetingView Meeting, string MinutesUrl);

/// <param name="Step">The step's name as the status shows it ("Innkalling med saksliste og sakspapirer").</param>
/// <param name="Reason">What went wrong, in words; <paramref name="Technical"/> the error itself, for whoever fixes it.</param>
public sealed record StepFailedEmail(BodyView Body, MeetingView Meeting, string MeetingId, string Step, string Reason, string Technical, string RetryAt);

/// <param name="Consequence">What was not done, and what the secretariat should do instead.</param>
public sealed record StepSkippedEmail(BodyView Body, MeetingView Meeting, string Step, string Consequence);

/// <param name="Deadline">The publication deadline ("torsdag 8. april 2027").</param>
public sealed record PublicationAtRiskEmail(BodyView Body, MeetingView Meeting, string Deadline, int WorkingDays);

/// <param name="To">The recipients, comma-separated.</param>
public sealed record EmailFailedEmail(string Subject, string To, string Error, int Attempts);
