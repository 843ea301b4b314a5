using System.Security.Claims;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Utsendelser: every email with recipient, step, time and status; a failed one sent again. Logg: the audit trail.</summary>
public static class OutboxScreen
{
    public const int Shown = 300;

    public sealed record Model(IReadOnlyList<OutboxEntry> Entries, string? Filter, EmailOutbox.State? State, string? Notice);

    public static void MapOutboxScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("utsendelser", List);
        screens.MapPost("utsendelser/{messageId}", Retry);
        screens.MapGet("logg", async (AuditTrail audit, CancellationToken ct) => Pages.Render<AuditPage>(new { Entries = await audit.Latest(200, ct: ct) }));
    }

    private static async Task<IResult> List(string? mote, string? status, string? utfort, OutboxLog log, CancellationToken ct)
    {
        var state = Common.EnumText.TryParse<EmailOutbox.State>(status ?? "", out var s) ? s : (EmailOutbox.State?)null;
        var filter = string.IsNullOrWhiteSpace(mote) ? null : mote.Trim();
        return Pages.Render<OutboxPage>(new { Model = new Model(await log.List(filter, state, Shown, ct), filter, state, WorkspaceResults.Notice(utfort)) });
    }

    private static async Task<IResult> Retry(string messageId, ClaimsPrincipal user, EmailOutbox outbox, AuditTrail audit, CancellationToken ct) =>
        await outbox.Retry(messageId, ct) is null
            ? Pages.Message("Fant ikke e-posten", "Fant ikke e-posten", $"Det finnes ingen e-post «{messageId}».", StatusCodes.Status404NotFound, error: true, linkUrl: WorkspacePaths.Outbox, linkText: "Til utsendelsene")
            : await WorkspaceResults.Done(user, audit, "Sendte e-post på nytt", messageId, "", WorkspacePaths.Outbox, "sendes", ct);

    /// <summary>The step or event an email belongs to, from the first part of its id ("summons.ssu-2027-02-11.k1").</summary>
    public static string Step(string messageId) => messageId[..Math.Max(0, messageId.IndexOf('.') is var i and >= 0 ? i : messageId.Length)] switch
    {
        "case-receipt" => "Kvittering for sak",
        "case-reject" or "case-redirect" or "case-withdraw" => "Beskjed om sak",
        "case-placed" => "Sak satt på saksliste",
        "case-treated" => "Sak behandlet",
        "new-case" or "new-cases" => "Ny sak til sekretariatet",
        "reminder" => "Påminnelse om saksfrist",
        "deadline" => "Saksfrist",
        "freeze-escalation" or "auto-freeze" => "Saksliste",
        "summons" => "Innkalling",
        "deputy-summons" => "Innkalling av vara",
        "absence-confirmation" or "absence-notice" => "Forfall",
        var draft when draft.StartsWith("minutes-draft", StringComparison.Ordinal) => "Utkast til referat",
        "minutes-change" => "Endringsønske til referatet",
        "minutes-waiting" or "publication-at-risk" => "Varsel om referatet",
        "minutes-approved" => "Godkjent referat",
        "published" => "Publisering til partnerne",
        "cancelled" => "Avlyst møte",
        var other when other.StartsWith("meeting-", StringComparison.Ordinal) => "Endret møte",
        "step-failed" or "step-skipped" or "email-failed" => "Varsel til sekretariatet",
        var other => other,
    };

    public static string StateText(EmailOutbox.State state) => state switch
    {
        EmailOutbox.State.Sent => "Sendt",
        EmailOutbox.State.Failed => "Feilet",
        EmailOutbox.State.Sending => "Sendes",
        _ => "Venter",
    };
}
