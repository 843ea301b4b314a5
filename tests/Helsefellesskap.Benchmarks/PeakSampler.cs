namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>Samples two memory figures (bytes) every 50 ms from when it is made until <see cref="Stop"/>, and keeps the peak of each.</summary>
internal sealed class PeakSampler
{
    private readonly CancellationTokenSource stop = new();
    private readonly Task<(long, long)> sampling;

    public PeakSampler(Func<(long First, long Second)> sample) => sampling = Task.Run(async () =>
    {
        long first = 0, second = 0;
        while (!stop.IsCancellationRequested)
        {
            var (a, b) = sample();
            (first, second) = (Math.Max(first, a), Math.Max(second, b));
            await Task.Delay(50);
        }

        return (first, second);
    });

    public (long First, long Second) Stop()
    {
        stop.Cancel();
        return sampling.GetAwaiter().GetResult();
    }
}
