using Helsefellesskap.Functions.Common;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cases;

/// <summary>Case intake: the API and the form, the receipt and the notices to the submitter.</summary>
public static class CasesFeature
{
    public static IServiceCollection AddCases(this IServiceCollection services)
    {
        Settings.Add<IntakeOptions>(services, IntakeOptions.Section, IntakeOptions.Problems);

        // A request may carry a whole case's attachments plus room for the fields and multipart framing.
        static long MaxRequest(IntakeOptions intake) => intake.MaxCaseBytes + (4 * 1024 * 1024);
        services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<IntakeOptions>>((kestrel, intake) => kestrel.Limits.MaxRequestBodySize = MaxRequest(intake.Value));
        services.AddOptions<FormOptions>()
            .Configure<IOptions<IntakeOptions>>((form, intake) => form.MultipartBodyLengthLimit = MaxRequest(intake.Value));

        services.AddSingleton<CaseStore>();
        services.AddSingleton<PendingReceipts>();
        services.AddSingleton<CaseReferences>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<CaseLinks>();
        services.AddSingleton<CaseReceipt>();
        services.AddSingleton<CaseNotices>();
        services.AddSingleton<CaseIntake>();
        return services;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        app.MapCaseApi();
        app.MapCaseForm();
        return app;
    }
}
