using Helsefellesskap.Functions.Meetings;

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
    public static string CaseDecision(string action, string caseId, MeetingId meetingId) => $"case-{action}.{caseId}.{meetingId}";

    public static string CaseMeetingCancelled(MeetingId meetingId, string caseId) => $"cancelled.{meetingId}.{caseId}";

    /// <summary>A summoned member hears of a change (<paramref name="what"/>: "cancelled", or "moved-20270211-0900").</summary>
    public static string MeetingChanged(string what, MeetingId meetingId, string memberId) => $"meeting-{what}.{meetingId}.{memberId}";

    public static string Reminder(MeetingId meetingId, string memberId) => $"reminder.{meetingId}.{memberId}";

    public static string Deadline(MeetingId meetingId) => $"deadline.{meetingId}";

    public static string FreezeEscalation(MeetingId meetingId) => $"freeze-escalation.{meetingId}";

    public static string AutoFreeze(MeetingId meetingId) => $"auto-freeze.{meetingId}";

    public static string Summons(MeetingId meetingId, string memberId) => $"summons.{meetingId}.{memberId}";

    public static string DeputySummons(MeetingId meetingId, string memberId) => $"deputy-summons.{meetingId}.{memberId}";

    public static string AbsenceConfirmation(MeetingId meetingId, string memberId) => $"absence-confirmation.{meetingId}.{memberId}";

    public static string AbsenceNotice(MeetingId meetingId, string memberId) => $"absence-notice.{meetingId}.{memberId}";

    /// <summary>One per declaration: a member who changes it tells the secretariat again.</summary>
    public static string DisqualificationNotice(MeetingId meetingId, string memberId, DateTimeOffset declaredAt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"disqualification-notice.{meetingId}.{memberId}.{declaredAt.ToUnixTimeMilliseconds()}");

    /// <summary>The secretariat is told once that a step of a meeting's cycle failed (it is retried by itself).</summary>
    public static string StepFailed(MeetingId meetingId, string step) => $"step-failed.{meetingId}.{step}";

    /// <summary>The secretariat is told that a step was not run because its moment had passed.</summary>
    public static string StepSkipped(MeetingId meetingId, string step) => $"step-skipped.{meetingId}.{step}";

    /// <summary>When the cycle is planned: the minutes cannot be published within the deadline.</summary>
    public static string PublicationAtRisk(MeetingId meetingId) => $"publication-at-risk.{meetingId}";

    /// <summary>The secretariat is told that the message with <paramref name="messageId"/> could not be delivered.</summary>
    public static string EmailFailed(string messageId) => $"email-failed.{messageId}";

    public static string MinutesWaiting(MeetingId meetingId) => $"minutes-waiting.{meetingId}";

    public static string MinutesDraft(int version, MeetingId meetingId, string memberId) => $"minutes-draft-v{version}.{meetingId}.{memberId}";

    /// <summary>The <paramref name="count"/>th change request (0-based) on draft <paramref name="version"/>.</summary>
    public static string MinutesChange(MeetingId meetingId, string memberId, int version, int count) => $"minutes-change.{meetingId}.{memberId}.v{version}.{count}";

    /// <summary>The partners' web editor number <paramref name="contact"/> is told the minutes are published.</summary>
    public static string Published(MeetingId meetingId, int contact) => $"published.{meetingId}.{contact}";

    /// <summary>A member or deputy receives the approved minutes.</summary>
    public static string MinutesApproved(MeetingId meetingId, string memberId) => $"minutes-approved.{meetingId}.{memberId}";

    /// <summary>A member or deputy (or, by number, a partner's web editor) is told of correction <paramref name="version"/> of approved minutes.</summary>
    public static string MinutesCorrected(MeetingId meetingId, int version, string recipient) => $"minutes-corrected-v{version}.{meetingId}.{recipient}";

    /// <summary>The submitter hears that the case is on the frozen agenda of a meeting.</summary>
    public static string CasePlaced(string caseId, MeetingId meetingId) => $"case-placed.{caseId}.{meetingId}";

    /// <summary>The submitter hears what was decided at a meeting.</summary>
    public static string CaseTreated(string caseId, MeetingId meetingId) => $"case-treated.{caseId}.{meetingId}";

    /// <summary>The secretariat hears of a new case.</summary>
    public static string NewCase(string caseId) => $"new-case.{caseId}";

    /// <summary>The secretariat's digest of the cases that came in on a day.</summary>
    public static string NewCaseDigest(DateOnly day) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"new-cases.{day:yyyy-MM-dd}");
}
