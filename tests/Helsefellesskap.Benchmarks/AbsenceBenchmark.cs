using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Helsefellesskap.Functions.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Absences reported at once (issue 27: nine at once all answered within 5 s). Method: a meeting of the SSU's roster
/// with one case is summoned (the dev clock passes its summons time, so the papers exist and each stand-in is summoned
/// at once with them); one member reports absence alone (the first request of its kind: warm-up, printed), a second
/// alone, then the other municipal and hospital members all at once through the secretariat's API; then the same
/// again for a meeting whose packet is about 8 MB (two cases attach a 4 MB PDF), which each stand-in's summons attaches; and for one
/// whose packet has an exempt case (members get the restricted packet). Each answer's time is printed (min/median/max),
/// and the stand-ins checked: no deputy called in twice.
/// </summary>
public static class AbsenceBenchmark
{
    public static async Task Run(int atOnce)
    {
        await using var azurite = await Azurite.Start();
        var baseUrl = $"http://127.0.0.1:{Azurite.FreePort()}";
        var settings = AppFixture.Settings(azurite.ConnectionString, baseUrl);
        settings["Intake:MaxFileBytes"] = (5 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        settings["Intake:MaxCaseBytes"] = (10 * 1024 * 1024).ToString(CultureInfo.InvariantCulture);
        var app = await AppFixture.StartApp(settings);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            for (var round = 0; round < 3; round++)
            {
                app.Services.GetRequiredService<AdjustableClock>().Set(AppFixture.Start);
                var t = await CycleTestBody.Create(app.Services, new DateOnly(2027, 3, 25).AddDays(7 * round));
                await t.SubmitCase(http, "Sak til møtet");
                for (var i = 0; i < (round == 0 ? 0 : 2); i++)
                {
                    var submission = Submissions.Valid($"Utredning {i + 1}");
                    submission["body"] = t.Body.Code;
                    if (round == 2 && i == 0)
                    {
                        submission["exemption"] = new System.Text.Json.Nodes.JsonObject { ["legalBasis"] = "offl. § 13", ["reason"] = "Taushetsplikt", ["title"] = true };
                    }

                    (await http.PostAsync("/api/cases", Submissions.AsMultipart(submission, ("utredning.pdf", TestFiles.Pdf("Utredning", padding: 4 * 1024 * 1024))))).EnsureSuccessStatusCode();
                }

                var summonsAt = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;
                var watch = Stopwatch.StartNew();
                (await http.PostAsJsonAsync("/api/dev/clock", new { now = summonsAt })).EnsureSuccessStatusCode();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1} ({(round == 0 ? "one case, no attachment" : round == 1 ? "three cases, two attach a 4 MB PDF" : "the same, one of them exempt")}): meeting {t.Meeting.Id} summoned in {watch.Elapsed.TotalMilliseconds:0} ms"));

                var voting = t.Members.Where(m => m.Role == MemberRole.Member).ToList();
                foreach (var alone in voting.Take(2))
                {
                    var (ms, standIn) = await Report(http, t.Meeting.Id.Value, alone.Id);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  alone: {alone.Id} {ms:0} ms (stand-in {standIn ?? "none"})"));
                }

                var rest = voting.Skip(2).Take(atOnce).ToList();
                watch.Restart();
                var answers = await Task.WhenAll(rest.Select(m => Report(http, t.Meeting.Id.Value, m.Id)));
                var all = watch.Elapsed.TotalMilliseconds;
                var times = answers.Select(a => a.Ms).Order().ToList();
                var standIns = answers.Select(a => a.StandIn).OfType<string>().ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {rest.Count} at once: all answered in {all:0} ms; each min {times[0]:0} / median {times[times.Count / 2]:0} / max {times[^1]:0} ms; {standIns.Count} stand-ins, {standIns.Distinct().Count()} distinct"));
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static async Task<(double Ms, string? StandIn)> Report(HttpClient http, string meetingId, string memberId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{meetingId}/absences");
        request.Headers.Add(Helsefellesskap.Functions.Common.SecretariatAccess.Header, AppFixture.SecretariatKey);
        request.Content = JsonContent.Create(new { memberId, reason = "Annet møte" });
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<Helsefellesskap.Functions.Cycle.AbsenceEndpoints.AbsenceAnswer>(Json.Options);
        return (watch.Elapsed.TotalMilliseconds, answer!.StandIn);
    }
}
