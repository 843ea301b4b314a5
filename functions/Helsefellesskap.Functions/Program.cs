using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Options;

try
{
    Helsefellesskap.Functions.Documents.Liquid.StartBuildingParser();
    if (Helsefellesskap.Functions.Common.FunctionsWorker.StartedByHost)
    {
        // The isolated worker the Functions host starts (ADR 0018): every HTTP function runs the app's pipeline,
        // the timer function ticks the cycle.
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // The host records each line its worker writes: one JSON line per entry keeps an entry (and its stack trace)
        // together, and warnings and errors on stderr keep their severity there.
        builder.Logging.AddJsonConsole(o => o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false });
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Warning);
        HelsefellesskapApp.AddServices(builder.Services, builder.Environment);
        builder.Services.AddSingleton(sp => new RequestPipeline(sp, HelsefellesskapApp.Configure));
        using var host = builder.Build();
        await host.RunAsync();
    }
    else
    {
        // On its own on Kestrel: the PDF renderer's container (ADR 0006) and the benchmarks' app processes.
        var app = HelsefellesskapApp.Build(HelsefellesskapApp.CreateBuilder(args));
        app.PrintStartBanner();
        await app.RunAsync();
    }
}
catch (OptionsValidationException e)
{
    // A missing or malformed setting: say which, and stop.
    await Console.Error.WriteLineAsync("The app cannot start because of its settings:");
    foreach (var failure in e.Failures)
    {
        await Console.Error.WriteLineAsync($"  - {failure}");
    }

    return 1;
}

return 0;
