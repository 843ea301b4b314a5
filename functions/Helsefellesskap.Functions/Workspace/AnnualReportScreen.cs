using System.Security.Claims;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Reports;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Årsmelding: the year's report drafted from the data, the secretariat's own texts, a preview, and issuing it.</summary>
public static class AnnualReportScreen
{
    public sealed record Model(AnnualReportState State, AnnualReportModel Report, string? Notice);

    /// <summary>The form's fields, in the report's order, with their labels.</summary>
    public static readonly (string Field, string Label)[] Fields =
    [
        ("introduction", "Innledning"),
        ("organisation", "Organisering"),
        ("partnership", "Partnerskapsmøtet"),
        ("strategic", "Strategisk samarbeidsutvalg"),
        ("professional", "Faglige samarbeidsutvalg"),
        ("networks", "Nettverk"),
    ];

    public static string Path(int year) => $"{WorkspaceAuth.Root}/arsmelding/{year}";

    public static void MapAnnualReportScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("arsmelding", (TimeProvider clock) => Pages.SeeOther(Path(Oslo.Today(clock).Year)));
        screens.MapGet("arsmelding/{year}", Show);
        screens.MapGet("arsmelding/{year}.pdf", async (string year, AnnualReports reports, CancellationToken ct) =>
            YearParameter.Parse(year) is { } y ? TypedResults.File((await reports.Document(y, ct)).Pdf, "application/pdf", $"arsmelding-{y}.pdf") : ComplianceScreen.InvalidYear(year));
        screens.MapPost("arsmelding/{year}", Save);
        screens.MapPost("arsmelding/{year}/utsted", Issue);
    }

    private static async Task<IResult> Show(string year, string? utfort, AnnualReports reports, AnnualReportBuilder builder, CancellationToken ct)
    {
        if (YearParameter.Parse(year) is not { } y)
        {
            return ComplianceScreen.InvalidYear(year);
        }

        var state = await reports.Get(y, ct);
        return Pages.Render<AnnualReportPage>(new { Model = new Model(state, await builder.Build(y, state.Texts, !state.Issued, ct), WorkspaceResults.Notice(utfort)) });
    }

    private static async Task<IResult> Save(string year, IFormCollection form, ClaimsPrincipal user, AnnualReports reports, AuditTrail audit, CancellationToken ct)
    {
        if (YearParameter.Parse(year) is not { } y)
        {
            return ComplianceScreen.InvalidYear(year);
        }

        string? Text(string field) => form[field].ToString() is { Length: > 0 } text ? text.Trim() : null;
        var texts = new AnnualTexts(Text("introduction"), Text("organisation"), Text("partnership"), Text("strategic"), Text("professional"), Text("networks"));
        return await reports.SaveTexts(y, texts, ct) switch
        {
            AnnualReports.Result.Done => await WorkspaceResults.Done(user, audit, "Lagret teksten i årsmeldingen", y.ToString(System.Globalization.CultureInfo.InvariantCulture), "", Path(y), "arsmelding", ct),
            var other => Pages.Message("Årsmeldingen er utstedt", "Årsmeldingen er utstedt", ReportsFeature.Issued(other.State),
                StatusCodes.Status409Conflict, error: true, linkUrl: Path(y), linkText: "Til årsmeldingen"),
        };
    }

    private static async Task<IResult> Issue(string year, ClaimsPrincipal user, AnnualReports reports, AuditTrail audit, CancellationToken ct)
    {
        if (YearParameter.Parse(year) is not { } y)
        {
            return ComplianceScreen.InvalidYear(year);
        }

        var state = (await reports.Issue(y, WorkspaceUser.Name(user), ct)).State;
        return await WorkspaceResults.Done(user, audit, "Utstedte årsmeldingen", y.ToString(System.Globalization.CultureInfo.InvariantCulture), state.PublishedUrl ?? "", Path(y), "utstedt", ct);
    }
}
