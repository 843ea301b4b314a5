using System.Diagnostics;
using System.Globalization;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>Submission latency on loopback: the app on Kestrel, a real Azurite, one client submitting in turn.</summary>
public static class IntakeBenchmark
{
    public static async Task Run(int count)
    {
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        try
        {
            var pdf = TestFiles.Pdf("Vedlegg til benchmark");
            // Warm-up: JIT, connection pool, tables created.
            for (var i = 0; i < 10; i++)
            {
                (await fixture.Http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid()))).EnsureSuccessStatusCode();
            }

            var json = await Measure(count, () => fixture.Http.PostAsync("/api/cases", Submissions.AsJson(Submissions.Valid())));
            var multipart = await Measure(count, () => fixture.Http.PostAsync("/api/cases", Submissions.AsMultipart(Submissions.Valid(), ("vedlegg.pdf", pdf))));
            Print($"JSON, no attachment ({count} submissions)", json);
            Print($"multipart with one PDF ({count} submissions)", multipart);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private static async Task<List<double>> Measure(int count, Func<Task<HttpResponseMessage>> submit)
    {
        var times = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await submit();
            watch.Stop();
            response.EnsureSuccessStatusCode();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static void Print(string what, List<double> times)
    {
        times.Sort();
        double At(double q) => times[(int)Math.Min(times.Count - 1, Math.Round(q * (times.Count - 1)))];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: median {At(0.5):0.0} ms, p95 {At(0.95):0.0} ms, worst {times[^1]:0.0} ms, best {times[0]:0.0} ms"));
    }
}
