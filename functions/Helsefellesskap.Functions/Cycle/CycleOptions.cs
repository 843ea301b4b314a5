using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Hosting;

namespace Helsefellesskap.Functions.Cycle;

public sealed class CycleOptions
{
    public const string Section = "Cycle";

    /// <summary>Tick inside the app when it runs on Kestrel without the Functions host (tests); under the host the CycleTicker timer function ticks instead.</summary>
    public bool InProcessTicker { get; set; } = true;

    public int TickSeconds { get; set; } = 60;

    public static IEnumerable<string> Problems(CycleOptions o)
    {
        if (o.TickSeconds is < 1 or > 3600)
        {
            yield return $"Setting {Settings.Name(Section, nameof(TickSeconds))} must be between 1 and 3600.";
        }
    }
}

/// <summary>The ticker when no Functions host is there to run the timer function (FUNCTIONS_WORKER_RUNTIME unset): every TickSeconds.</summary>
internal sealed class InProcessTicker(CycleRunner runner, Microsoft.Extensions.Options.IOptions<CycleOptions> options, ILogger<InProcessTicker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.InProcessTicker || FunctionsWorker.StartedByHost)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.TickSeconds));
        do
        {
            try
            {
                var result = await runner.Tick(stoppingToken);
                if (result.StepsRun > 0 || result.EmailsSent > 0)
                {
                    log.LogInformation("Tick: {Steps} steps run, {Emails} emails sent", result.StepsRun, result.EmailsSent);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Nothing a tick throws may stop the process: log it, and the next tick tries again.
                log.LogError(e, "Tick failed; the next one tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
