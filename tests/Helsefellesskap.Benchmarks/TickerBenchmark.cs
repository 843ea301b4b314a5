using System.Diagnostics;
using System.Globalization;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// The ticker's cost: 1,000 active cycles in Azurite, 50 of them with a step due (the freeze check,
/// which reads the agenda and records one email to the secretariat). One tick is timed, then an idle tick.
/// </summary>
public static class TickerBenchmark
{
    public static async Task Run(int cycles, int due)
    {
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        try
        {
            var now = AppFixture.Start;
            var body = new Body("bench", "Benchmarkutvalg", "BU", "Helsefellesskap Helgeland", new BodyRules());
            var meetings = fixture.Service<MeetingStore>();
            var store = fixture.Service<CycleStore>();
            await meetings.AddBody(body);
            foreach (var m in Presets.SsuMembers.Select(m => m with { Body = body.Code }))
            {
                await meetings.AddMember(m);
            }

            var setup = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, cycles), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var date = new DateOnly(2027, 1, 1).AddDays(i);
                var meeting = new Meeting(MeetingId.Parse($"bench-{date:yyyy-MM-dd}"), body.Code, date, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);
                await meetings.AddMeeting(meeting, ct);
                var dueAt = i < due ? now.AddMinutes(-1) : now.AddDays(30 + i);
                await store.Create(meeting.Id, body.Code, [new StepRecord(CycleStep.FreezeCheck, dueAt, StepStatus.Pending, null, null)], ct);
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"setup: {cycles} cycles in {setup.Elapsed.TotalSeconds:0.0} s"));

            var runner = fixture.Service<CycleRunner>();
            // Warm-up on an idle tick (JIT, connections); nothing is due before the start.
            fixture.Clock.Set(now.AddMinutes(-10));
            await runner.Tick();

            fixture.Clock.Set(now);
            var watch = Stopwatch.StartNew();
            var result = await runner.Tick();
            var busy = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            var idle = await runner.Tick();
            var idleMs = watch.Elapsed.TotalMilliseconds;

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tick with {due} of {cycles} cycles due: {busy:0} ms ({result.StepsRun} steps run, {result.EmailsSent} emails sent, {busy / Math.Max(1, result.StepsRun):0.0} ms per step)\n" +
                $"idle tick afterwards: {idleMs:0} ms ({idle.StepsRun} steps run)"));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
