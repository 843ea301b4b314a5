namespace Helsefellesskap.Functions.Email;

/// <summary>
/// The outbox id of every email: a persisted protocol, since an id already recorded is never sent
/// twice. Each format is the one the app has always written; changing one would resend mail in flight
/// after a deployment (a test pins every format).
/// </summary>
public static class MessageIds
{
    public static string CaseReceipt(string caseId) => $"case-receipt.{caseId}";

    /// <summary>A case the secretariat rejected or redirected (<paramref name="action"/> "reject" / "redirect").</summary>
    public static string CaseDecision(string action, string caseId, string meetingId) => $"case-{action}.{caseId}.{meetingId}";

    public static string CaseMeetingCancelled(string meetingId, string caseId) => $"cancelled.{meetingId}.{caseId}";

    /// <summary>A summoned member hears of a change (<paramref name="what"/>: "cancelled", or "moved-20270211-0900").</summary>
    public static string MeetingChanged(string what, string meetingId, string memberId) => $"meeting-{what}.{meetingId}.{memberId}";

    public static string Reminder(string meetingId, string memberId) => $"reminder.{meetingId}.{memberId}";

    public static string Deadline(string meetingId) => $"deadline.{meetingId}";

    public static string FreezeEscalation(string meetingId) => $"freeze-escalation.{meetingId}";

    public static string AutoFreeze(string meetingId) => $"auto-freeze.{meetingId}";

    public static string Summons(string meetingId, string memberId) => $"summons.{meetingId}.{memberId}";

    public static string DeputySummons(string meetingId, string memberId) => $"deputy-summons.{meetingId}.{memberId}";

    public static string AbsenceConfirmation(string meetingId, string memberId) => $"absence-confirmation.{meetingId}.{memberId}";

    public static string AbsenceNotice(string meetingId, string memberId) => $"absence-notice.{meetingId}.{memberId}";

    /// <summary>The secretariat is told once that a step of a meeting's cycle failed (it is retried by itself).</summary>
    public static string StepFailed(string meetingId, string step) => $"step-failed.{meetingId}.{step}";

    /// <summary>The secretariat is told that a step was not run because its moment had passed.</summary>
    public static string StepSkipped(string meetingId, string step) => $"step-skipped.{meetingId}.{step}";

    /// <summary>When the cycle is planned: the minutes cannot be published within the deadline.</summary>
    public static string PublicationAtRisk(string meetingId) => $"publication-at-risk.{meetingId}";

    /// <summary>The secretariat is told that the message with <paramref name="messageId"/> could not be delivered.</summary>
    public static string EmailFailed(string messageId) => $"email-failed.{messageId}";

    public static string MinutesWaiting(string meetingId) => $"minutes-waiting.{meetingId}";

    public static string MinutesDraft(int version, string meetingId, string memberId) => $"minutes-draft-v{version}.{meetingId}.{memberId}";

    /// <summary>The <paramref name="count"/>th change request (0-based) on draft <paramref name="version"/>.</summary>
    public static string MinutesChange(string meetingId, string memberId, int version, int count) => $"minutes-change.{meetingId}.{memberId}.v{version}.{count}";

    /// <summary>The partners' web editor number <paramref name="contact"/> is told the minutes are published.</summary>
    public static string Published(string meetingId, int contact) => $"published.{meetingId}.{contact}";

    /// <summary>A member or deputy receives the approved minutes.</summary>
    public static string MinutesApproved(string meetingId, string memberId) => $"minutes-approved.{meetingId}.{memberId}";

    /// <summary>The submitter hears that the case is on the frozen agenda of a meeting.</summary>
    public static string CasePlaced(string caseId, string meetingId) => $"case-placed.{caseId}.{meetingId}";

    /// <summary>The submitter hears what was decided at a meeting.</summary>
    public static string CaseTreated(string caseId, string meetingId) => $"case-treated.{caseId}.{meetingId}";

    /// <summary>The secretariat hears of a new case.</summary>
    public static string NewCase(string caseId) => $"new-case.{caseId}";

    /// <summary>The secretariat's digest of the cases that came in on a day.</summary>
    public static string NewCaseDigest(DateOnly day) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"new-cases.{day:yyyy-MM-dd}");
}
