using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Helsefellesskap.Functions.Agenda;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// Server time of every workspace screen with five years of an SSU's history: 6 meetings a year, 15
/// cases a meeting (450), each meeting frozen and recorded with its minutes approved, ~40 emails a
/// meeting step (6,000 in the outbox) and 2,000 audit entries. Each screen is asked 5 times to warm
/// up, then 20 times one after another; p50, p95 and the slowest are printed. The time is the answer
/// on loopback (Kestrel in the same process, Azurite in memory), which is the server's time plus a
/// loopback round trip.
/// </summary>
public static class WorkspaceBenchmark
{
    private const int Years = 5;
    private const int CasesPerMeeting = 15;
    private const int EmailsPerMeeting = 200;

    public static async Task Run()
    {
        var fixture = new AppFixture();
        await fixture.InitializeAsync();
        try
        {
            var setup = Stopwatch.StartNew();
            var (past, upcoming, aCase) = await BuildHistory(fixture);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"history: {Years} years, {past.Count} past meetings, {past.Count * CasesPerMeeting} cases, {past.Count * EmailsPerMeeting} emails, 2000 audit entries; built in {setup.Elapsed.TotalSeconds:0} s"));

            using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.BaseUrl) };
            http.DefaultRequestHeaders.Add("Cookie", Tests.Workspace.WorkspaceSession.Secretariat(fixture.App.Services));
            var last = past[^1].Id.Value;
            var screens = new (string Name, string Path)[]
            {
                ("Oversikt", "/api/sekretariat"),
                ("Saker (til behandling)", "/api/sekretariat/saker"),
                ("Saker (SSU, behandlet)", "/api/sekretariat/saker?utvalg=ssu&status=Treated"),
                ("Sak", $"/api/sekretariat/saker/{aCase}"),
                ("Registrer sak", "/api/sekretariat/saker/ny"),
                ("Saksliste (neste møte)", $"/api/sekretariat/moter/{upcoming}/saksliste"),
                ("Saksliste (fastsatt)", $"/api/sekretariat/moter/{last}/saksliste"),
                ("Møtet (registrert)", $"/api/sekretariat/moter/{last}"),
                ("Referat", $"/api/sekretariat/moter/{last}/referat"),
                ("Utsendelser", "/api/sekretariat/utsendelser"),
                ("Utsendelser (ett møte)", $"/api/sekretariat/utsendelser?mote={last}"),
                ("Logg", "/api/sekretariat/logg"),
                ("Utvalg", "/api/sekretariat/utvalg"),
                ("Medlemmer", "/api/sekretariat/utvalg/ssu"),
                ("Møteplan", "/api/sekretariat/utvalg/ssu/moteplan"),
            };

            Console.WriteLine("screen                        p50 ms   p95 ms   max ms   bytes");
            foreach (var (name, path) in screens)
            {
                var times = new List<double>();
                long bytes = 0;
                for (var i = 0; i < 25; i++)
                {
                    var watch = Stopwatch.StartNew();
                    using var response = await http.GetAsync(path);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    watch.Stop();
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
                    }

                    bytes = body.Length;
                    if (i >= 5)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                    }
                }

                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-28} {times[times.Count / 2],7:0.0}  {times[(int)(times.Count * 0.95)],7:0.0}  {times[^1],7:0.0}  {bytes,7}"));
            }
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    /// <summary>Five years of the SSU's meetings before the fixture's today, written through the app's own stores.</summary>
    private static async Task<(List<Meeting> Past, string Upcoming, string ACase)> BuildHistory(AppFixture fixture)
    {
        var meetings = fixture.Service<MeetingStore>();
        var cases = fixture.Service<CaseStore>();
        var agendas = fixture.Service<AgendaService>();
        var minutes = fixture.Service<MinutesStore>();
        var cycles = fixture.Service<CycleRunner>();
        var outbox = fixture.Service<EmailOutbox>();
        var body = (await meetings.FindBody("ssu"))!;
        var members = await meetings.Members("ssu");
        var today = DateOnly.FromDateTime(AppFixture.Start.Date);
        var past = new List<Meeting>();
        for (var year = today.Year - Years; year < today.Year; year++)
        {
            foreach (var month in new[] { 2, 4, 6, 9, 10, 12 })
            {
                var date = MeetingPlanRules.SameWeekday(new DateOnly(2027, month, 11), year);
                var meeting = new Meeting(MeetingId.For("ssu", date, MeetingKind.Ordinary), "ssu", date, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null, MeetingKind.Ordinary, MeetingStatus.Planned);
                await meetings.AddMeeting(meeting);
                past.Add(meeting);
            }
        }

        var aCase = "";
        await Parallel.ForEachAsync(past.Select((m, i) => (m, i)), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (x, ct) =>
        {
            var (meeting, n) = x;
            await cycles.Plan(meeting, body, ct);
            var ids = new List<string>();
            for (var c = 0; c < CasesPerMeeting; c++)
            {
                var id = $"HFH-{meeting.Date.Year}-{n * CasesPerMeeting + c + 1:D4}";
                var content = new CaseSubmission("ssu", $"Sak {c + 1} til møtet {meeting.Date:dd.MM.yyyy}: samhandling om pasientforløp", CaseKind.Decision, "Rana kommune",
                    new Submitter("Åse Ødegård", "ase@example.org", "Rana kommune"), string.Concat(Enumerable.Repeat("Sammendrag av saken. ", 20)),
                    string.Concat(Enumerable.Repeat("Bakgrunn for saken. ", 100)), "Vurdering.", ["SSU slutter seg til forslaget."], null, null);
                await cases.Add(new CaseRecord(id, content, [], CaseStatus.Treated, meeting.Id.Value, meeting.Date, Common.Oslo.StartOfDay(meeting.Date.AddDays(-30)), null), ct);
                ids.Add(id);
            }

            aCase = ids[0];
            await agendas.Save(new AgendaState(meeting.Id.Value, true, Common.Oslo.StartOfDay(meeting.Date.AddDays(-8)), "sekretariatet", ids, n * (CasesPerMeeting + 3) % 90 + 1, meeting.Date.Year), ct);
            var present = members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
            var outcome = new MeetingOutcome(present, new Dictionary<string, string>(), true,
                ids.Select(id => new ItemOutcome(id, ItemResult.Adopted, "SSU slutter seg til forslaget.", [], true)).ToList(), null, null);
            await minutes.Save(MinutesState.Empty(meeting.Id) with { Outcome = outcome, DraftVersion = 1, DraftSentAt = Common.Oslo.StartOfDay(meeting.Date), ApprovedAt = Common.Oslo.StartOfDay(meeting.Date.AddDays(6)), ApprovedBy = MinutesState.BySilence }, ct);
            for (var e = 0; e < EmailsPerMeeting; e++)
            {
                var member = members[e % members.Count];
                var message = new EmailMessage($"{(e < 40 ? "summons" : e < 80 ? "minutes-draft-v1" : e < 120 ? "minutes-approved" : "reminder")}.{meeting.Id}.{member.Id}.{e}",
                    [new EmailAddress(member.Email, member.Name)], $"Innkalling til møte {meeting.Date:dd.MM.yyyy}", "Tekst", "<p>Tekst</p>", []);
                await outbox.Record(message, ct);
            }
        });

        var audit = await fixture.Storage.Table(StorageNames.Audit);
        for (var i = 0; i < 2000; i += 100)
        {
            var batch = Enumerable.Range(i, 100).Select(j => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("2026-11", $"{j:D19}")
            {
                ["At"] = AppFixture.Start.AddMinutes(-j), ["UserId"] = "siri", ["UserName"] = "Siri Sekretær", ["Action"] = "Godtok saken", ["Target"] = $"HFH-2026-{j:D4}", ["Detail"] = "",
            }));
            await audit.SubmitTransactionAsync(batch);
        }

        var upcoming = (await meetings.Plan("ssu")).Where(m => m.Date >= today).OrderBy(m => m.Date).First().Id.Value;
        return (past, upcoming, aCase);
    }
}
