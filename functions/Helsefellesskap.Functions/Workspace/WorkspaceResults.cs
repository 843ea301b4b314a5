using System.Security.Claims;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>
/// How a workspace action ends: the change is recorded in the audit trail, and the browser is sent back
/// to a screen (303, so a reload does not repeat the action) that says what was done.
/// </summary>
public static class WorkspaceResults
{
    /// <summary>What each action tells when it is done, by the key in ?utfort=.</summary>
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["godtatt"] = "Saken er godtatt for møtet.",
        ["endret"] = "Sakens tekst er endret. Den forrige teksten er tatt vare på.",
        ["registrert-sak"] = "Saken er registrert, og innsenderen har fått kvittering.",
        ["flyttet"] = "Saken er flyttet. Innsenderen har fått beskjed.",
        ["hastesak"] = "Saken er tatt opp som hastesak, og begrunnelsen er lagret. Innsenderen har fått beskjed.",
        ["avvist"] = "Saken er avvist. Innsenderen har fått begrunnelsen.",
        ["trukket"] = "Saken er trukket. Innsenderen har fått beskjed.",
        ["videresendt"] = "Saken er sendt videre. Innsenderen har fått beskjed.",
        ["rekkefolge"] = "Rekkefølgen er lagret.",
        ["fastsatt"] = "Sakslisten er fastsatt, og sakene har fått nummer.",
        ["registrert"] = "Møtet er registrert.",
        ["utkast"] = "Utkastet til referat er sendt.",
        ["godkjent"] = "Referatet er godkjent og publisert.",
        ["rettet"] = "Rettelsen er lagret som en ny versjon. Referatet er publisert på nytt, og de som hadde det, får beskjed.",
        ["nyttutkast"] = "Et nytt utkast til referat er sendt.",
        ["filer"] = "Filene er lagt til referatet.",
        ["sendes"] = "E-posten sendes på nytt.",
        ["moteplan"] = "Møtene er lagt inn i møteplanen, med syklus og frister.",
        ["flyttetmote"] = "Møtet er flyttet. De som var varslet, har fått beskjed.",
        ["avlyst"] = "Møtet er avlyst. De som var varslet, har fått beskjed.",
        ["person"] = "Personen er lagret.",
        ["arsmelding"] = "Teksten i årsmeldingen er lagret.",
        ["utstedt"] = "Årsmeldingen er utstedt og publisert.",
    };

    public static string? Notice(string? key) => key is not null && Notices.TryGetValue(key, out var text) ? text : null;

    public static async Task<IResult> Done(ClaimsPrincipal user, AuditTrail audit, string action, string target, string detail, string screen, string notice, CancellationToken ct)
    {
        await audit.Record(user, action, target, detail, ct);
        return Pages.SeeOther($"{screen}{(screen.Contains('?') ? '&' : '?')}utfort={notice}");
    }
}
