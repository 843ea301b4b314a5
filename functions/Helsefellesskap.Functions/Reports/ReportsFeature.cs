using Helsefellesskap.Functions.Common;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Reports;

/// <summary>The annual report (årlig melding): drafted from the year, the secretariat's texts, issued and published.</summary>
public static class ReportsFeature
{
    public sealed record AnnualReportView(AnnualReportState State, AnnualReportModel Report);

    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<AnnualReportBuilder>();
        services.AddSingleton<AnnualReports>();
        return services;
    }

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("reports/annual/{year}", Get);
        secretariat.MapPut("reports/annual/{year}", Save);
        secretariat.MapGet("reports/annual/{year}/document", Document);
        secretariat.MapPost("reports/annual/{year}/issue", Issue);
        return app;
    }

    private static async Task<Results<Ok<AnnualReportView>, ProblemHttpResult>> Get(string year, AnnualReports reports, AnnualReportBuilder builder, CancellationToken ct)
    {
        if (YearParameter.Parse(year) is not { } y)
        {
            return YearParameter.Invalid(year);
        }

        var state = await reports.Get(y, ct);
        return TypedResults.Ok(new AnnualReportView(state, await builder.Build(y, state.Texts, !state.Issued, ct)));
    }

    private static async Task<Results<Ok<AnnualReportState>, ProblemHttpResult>> Save(string year, AnnualTexts texts, AnnualReports reports, CancellationToken ct) =>
        YearParameter.Parse(year) is not { } y ? YearParameter.Invalid(year)
        : await reports.SaveTexts(y, texts, ct) switch
        {
            AnnualReports.Result.Done done => TypedResults.Ok(done.State),
            var issued => Problems.Status(StatusCodes.Status409Conflict, "Årsmeldingen er utstedt", Issued(issued.State)),
        };

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Document(string year, AnnualReports reports, CancellationToken ct) =>
        YearParameter.Parse(year) is not { } y ? YearParameter.Invalid(year)
        : TypedResults.File((await reports.Document(y, ct)).Pdf, "application/pdf", $"arsmelding-{y}.pdf");

    /// <summary>Issues the report; issuing one already issued answers with it as it stands.</summary>
    private static async Task<Results<Ok<AnnualReportState>, ProblemHttpResult>> Issue(string year, AnnualReports reports, CancellationToken ct) =>
        YearParameter.Parse(year) is not { } y ? YearParameter.Invalid(year)
        : TypedResults.Ok((await reports.Issue(y, "sekretariatet (API)", ct)).State);

    public static string Issued(AnnualReportState state) =>
        $"Årsmeldingen for {state.Year} ble utstedt {Norwegian.DateTime(state.IssuedAt!.Value)} og kan ikke endres. Den er publisert på {state.PublishedUrl}.";
}
