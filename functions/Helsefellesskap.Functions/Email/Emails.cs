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
    public static readonly EmailTemplate<DisqualificationNoticeEmail> DisqualificationNotice = new("disqualification-notice");
    public static readonly EmailTemplate<MinutesWaitingEmail> MinutesWaiting = new("minutes-waiting");
    public static readonly EmailTemplate<StepFailedEmail> StepFailed = new("step-failed");
    public static readonly EmailTemplate<StepSkippedEmail> StepSkipped = new("step-skipped");
    public static readonly EmailTemplate<PublicationAtRiskEmail> PublicationAtRisk = new("publication-at-risk");
    public static readonly EmailTemplate<EmailFailedEmail> EmailFailed = new("email-failed");
    public static readonly EmailTemplate<MinutesDraftEmail> MinutesDraft = new("minutes-draft");
    public static readonly EmailTemplate<MinutesChangeEmail> MinutesChange = new("minutes-change");
    public static readonly EmailTemplate<PublishedEmail> Published = new("published");
    public static readonly EmailTemplate<MinutesApprovedEmail> MinutesApproved = new("minutes-approved");
    public static readonly EmailTemplate<MinutesCorrectedEmail> MinutesCorrected = new("minutes-corrected");
    public static readonly EmailTemplate<CasePlacedEmail> CasePlaced = new("case-placed");
    public static readonly EmailTemplate<CaseTreatedEmail> CaseTreated = new("case-treated");
    public static readonly EmailTemplate<NewCaseEmail> NewCase = new("new-case");
}

public sealed record FactView(string Label, string Value);

public sealed record CaseReceiptEmail(string Name, BodyView Body, string Reference, string Title, IReadOnlyList<FactView> Facts, string StatusUrl);

/// <param name="Rejected">True: the case cannot go on the agenda; false: it is sent on elsewhere.</param>
/// <param name="Destination">Where a redirected case goes, when it goes to a meeting: "møtet i Strategisk samarbeidsutvalg torsdag 8. april 2027".</param>
/// <param name="Withdrawn">The case was withdrawn at the submitter's request.</param>
/// <param name="Urgent">The meeting that takes the case up as urgent after the case deadline ("møtet i … torsdag 11. februar 2027"); null otherwise.</param>
public sealed record CaseDecisionEmail(string Name, string Title, string Reference, bool Rejected, string Reason, string? Destination = null, bool Withdrawn = false, string? Urgent = null);

/// <param name="NextMeeting">The meeting the case moves to ("torsdag 8. april 2027"); null when there is none yet.</param>
public sealed record CaseMeetingCancelledEmail(string Name, BodyView Body, MeetingView Meeting, string Title, string Reference, string? NextMeeting);

/// <param name="Cancelled">True: the meeting is cancelled; false: it is moved (Meeting is the new time and place).</param>
/// <param name="NextMeeting">For a cancelled meeting: where its cases go.</param>
/// <param name="CaseDeadline">For a meeting moved before its summons: the new case deadline ("torsdag 21. januar 2027").</param>
public sealed record MeetingChangedEmail(string Name, BodyView Body, MeetingView Meeting, bool Cancelled, string? NextMeeting, string? CaseDeadline = null);

public sealed record ReminderEmail(string Name, BodyView Body, MeetingView Meeting, string DeadlineLong, string DeadlineShort, string FormUrl);

public sealed record CaseLineView(string Reference, string Title, string From);

public sealed record DeadlineEmail(BodyView Body, MeetingView Meeting, string DeadlineLong, IReadOnlyList<CaseLineView> Cases, string FreezeBy);

public sealed record FreezeEscalationEmail(BodyView Body, MeetingView Meeting, string SummonsDay);

public sealed record AutoFreezeEmail(BodyView Body, MeetingView Meeting, IReadOnlyList<AgendaItemView> Agenda);

/// <param name="Role">"member", "deputy", "speaking_right" or "observer".</param>
/// <param name="CalledIn">A deputy called in for an absent member (votes in the member's place).</param>
/// <param name="PapersUrl">A personal link to the papers when they are too large to attach; null when attached.</param>
/// <param name="AbsenceUrl">The personal absence link, for those who vote.</param>
/// <param name="ExemptPapersUrl">For a member or deputy when some papers are exempt: the personal link to the full papers (they are not attached).</param>
/// <param name="DisqualificationUrl">For those with a vote: the personal link to declare themselves disqualified for a case.</param>
public sealed record SummonsEmail(string Name, string Role, bool CalledIn, BodyView Body, MeetingView Meeting, IReadOnlyList<AgendaItemView> Agenda, string? PapersUrl, string? AbsenceUrl, string? Replaces = null, bool Extraordinary = false,
    string? ExemptPapersUrl = null, string? DisqualificationUrl = null);

/// <param name="StandIn">"Navn (Organisasjon)" of the deputy called in; null when there is none.</param>
public sealed record AbsenceConfirmationEmail(string Name, BodyView Body, MeetingView Meeting, string? StandIn);

public sealed record AbsenceNoticeEmail(string Name, string Organisation, BodyView Body, MeetingView Meeting, string? Reason, string? StandIn);

/// <param name="Number">"2/27".</param>
/// <param name="Title">As the summons lists it (an exempt case by its public title).</param>
/// <param name="Reason">The grounds the member gave, if any.</param>
public sealed record DisqualifiedCaseView(string Number, string Title, string? Reason);

/// <param name="Cases">The cases the member now declares; empty when an earlier notice is withdrawn.</param>
public sealed record DisqualificationNoticeEmail(string Name, string Organisation, BodyView Body, MeetingView Meeting, IReadOnlyList<DisqualifiedCaseView> Cases);

/// <param name="LatestDraftDay">The last day the draft can go out and still be published in time; null when none can.</param>
public sealed record MinutesWaitingEmail(BodyView Body, MeetingView Meeting, string MeetingId, string? LatestDraftDay);

/// <param name="ChangeUrl">The personal link to ask for changes, for those who took part; null for a member who was absent (the draft is for their information).</param>
/// <param name="FullUrl">For a member or deputy when something is exempt: the personal link to the draft in full (the public version is attached).</param>
/// <param name="FullUntil">The last day that link works ("fredag 12. mars 2027").</param>
public sealed record MinutesDraftEmail(string Name, BodyView Body, MeetingView Meeting, string DeadlineLong, string DeadlineShort, int WorkingDays, string? ChangeUrl,
    string? FullUrl = null, string? FullUntil = null);

/// <param name="Who">"Navn (Organisasjon)" of the participant who asked.</param>
public sealed record MinutesChangeEmail(string MeetingId, int Version, string Text, string Who);

/// <param name="Approval">How the minutes were approved ("Godkjent 18.02.2027 uten merknader.").</param>
/// <param name="PublicUrl">Where the public version is published; null when the body publishes none.</param>
/// <param name="FullUrl">When something is exempt: the personal link to the minutes in full (the public version is attached).</param>
public sealed record MinutesApprovedEmail(string Name, BodyView Body, MeetingView Meeting, string Approval, string? PublicUrl, string? FullUrl = null, string? FullUntil = null);

/// <summary>Approved minutes were corrected: to a member or deputy (Name; the corrected minutes attached), or to a partner's web editor (Name null).</summary>
/// <param name="Corrected">"tirsdag 16. november 2027".</param>
/// <param name="FullUrl">To a member or deputy when something is exempt: the personal link to the corrected minutes in full (the public version is attached).</param>
public sealed record MinutesCorrectedEmail(string? Name, BodyView Body, MeetingView Meeting, int Version, string Corrected, string Reason, string PublicUrl, string EarlierUrl,
    string? FullUrl = null, string? FullUntil = null);

/// <summary>The submitter is told their case is on a frozen agenda: its number, the meeting, the date.</summary>
public sealed record CasePlacedEmail(string Name, string Title, string Reference, string Number, BodyView Body, MeetingView Meeting, string StatusUrl);

/// <summary>After the minutes are approved the submitter is told what was decided, with a link to the minutes.</summary>
/// <param name="Heading">"Vedtak", "Konklusjon" or "Utfall", as in the minutes.</param>
/// <param name="Text">The decision as minuted; for an exempt case a sentence saying it is exempt.</param>
public sealed record CaseTreatedEmail(string Name, string Title, string Reference, string Number, BodyView Body, MeetingView Meeting, string Heading, string Text, string? Result, string? MinutesUrl, string StatusUrl);

/// <summary>The secretariat is told of new cases: each as it comes (one line) or a digest of the day.</summary>
/// <param name="Day">For a digest: the day the cases came in ("mandag 23. november 2026"); null for one case.</param>
public sealed record NewCaseEmail(string? Day, IReadOnlyList<NewCaseLineView> Cases);

public sealed record NewCaseLineView(string Reference, string Title, string From, string Body, string Meeting, string Url);

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
