using System.Diagnostics;
using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Publication;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Benchmarks;

/// <summary>
/// What the same work costs as history grows. Method: for 1, 4 and 16 years of history, a fresh Azurite
/// and app (the Helgeland community, clock at 23.11.2026) get that many past years for 3 bodies (SSU,
/// Dialogforum, FSU tjenesteavtaler): 6 meetings a year, 15 treated cases a meeting, the agenda frozen,
/// minutes approved and published, every cycle step done, 120 sent emails a meeting. Then the same
/// current work is done and measured at each level — time and storage requests (every request the app
/// sends, counted by a pipeline policy). What can be repeated is asked 2 times to warm up and then
/// <see cref="Samples"/> times, and its median is compared (min and max printed beside it): a submission (to a later
/// meeting, so the measured one keeps its cases), the next SSU meeting's agenda (15 cases, 6 with a 1.4 MB PDF: an
/// 8 MB packet), the case list's first page, the public page and its feeds (Atom, JSON, the embeddable snippet, the
/// calendar), and the workspace's overview, case list, the meeting's Saksliste and the year's compliance (signed in as
/// the secretariat). What happens once is measured once: freezing the agenda, and ticks with that meeting's reminder,
/// its summons (packet, ~40 emails sent by the app's SendGridSender to a loopback server that reads every byte) and
/// its approval + publication (the outcome recorded before). Each tick is preceded by a catch-up tick a minute
/// before, so the measured one runs only what is due at that minute.
/// </summary>
public static class ScalingBenchmark
{
    private static readonly string[] Bodies = ["ssu", "dialog", "fsuta"];
    private const int CasesPerMeeting = 15;
    private const int EmailsPerMeeting = 120;
    private const int Samples = 9;

    /// <summary>
    /// Counts storage requests, and among them the table queries that filter on other columns than the keys
    /// (the service reads the whole partition, or table, to answer them: their cost grows with what is stored),
    /// and the time spent waiting for storage (each request from sending to its whole answer read).
    /// </summary>
    private sealed class CountsRequests : HttpPipelinePolicy
    {
        public long Requests;
        public long Scans;
        public long StorageTicks;

        /// <summary>Storage time and count per kind of request ("GET Outbox query", "PUT attachments blob" …).</summary>
        public readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Ticks, int Count)> ByKind = new();
        public readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> ScanFilters = new();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) => throw new NotSupportedException();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Interlocked.Increment(ref Requests);
            var query = Uri.UnescapeDataString(message.Request.Uri.Query);
            var at = query.IndexOf("$filter=", StringComparison.Ordinal);
            if (message.Request.Method == RequestMethod.Get && at >= 0)
            {
                var filter = query[(at + 8)..].Split('&')[0];
                var columns = System.Text.RegularExpressions.Regex.Matches(filter, @"\b([A-Za-z]+) (eq|ne|lt|le|gt|ge) ").Select(m => m.Groups[1].Value);
                if (columns.Any(c => c is not ("PartitionKey" or "RowKey")))
                {
                    Interlocked.Increment(ref Scans);
                    ScanFilters.AddOrUpdate($"{message.Request.Uri.Path.Split('/').Last()} {System.Text.RegularExpressions.Regex.Replace(filter, "'[^']*'", "'…'")}", 1, (_, n) => n + 1);
                }
            }

            return Timed(message, pipeline);
        }

        private async ValueTask Timed(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            finally
            {
                var ticks = Stopwatch.GetTimestamp() - started;
                Interlocked.Add(ref StorageTicks, ticks);
                var path = message.Request.Uri.Path.Trim('/').Split('/');
                var kind = path.Length > 1 && path[1].Contains('(', StringComparison.Ordinal)
                    ? $"{message.Request.Method} {path[1].Split('(')[0]} {(path[1].EndsWith("()", StringComparison.Ordinal) ? "query" : "row")}"
                    : $"{message.Request.Method} {(path.Length > 1 ? path[1] : path[0])} {(path.Length > 2 ? "blob" : "container")}";
                ByKind.AddOrUpdate(kind, (ticks, 1), (_, v) => (v.Ticks + ticks, v.Count + 1));
            }
        }
    }

    public static async Task Run(IReadOnlyList<int> levels)
    {
        var results = new Dictionary<int, Dictionary<string, (double Ms, long Requests, double StorageMs, string Note)>>();
        foreach (var years in levels)
        {
            results[years] = await Level(years);
        }

        Console.WriteLine();
        Console.WriteLine($"operation                      {string.Concat(levels.Select(l => $"{l,4}× ms    req  "))}  {levels[^1]}×/{levels[0]}× time  requests   outside storage {levels[0]}× → {levels[^1]}× ms");
        foreach (var name in results[levels[0]].Keys)
        {
            var (first, last) = (results[levels[0]][name], results[levels[^1]][name]);
            var (outsideFirst, outsideLast) = (first.Ms - first.StorageMs, last.Ms - last.StorageMs);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-30} {string.Concat(levels.Select(l => string.Create(CultureInfo.InvariantCulture, $"{results[l][name].Ms,7:0} {results[l][name].Requests,6}  ")))}  {last.Ms / first.Ms,9:0.00}×  {(double)last.Requests / first.Requests,7:0.00}×   {(outsideFirst < 0 || outsideLast < 0 ? "  (requests in parallel)" : string.Create(CultureInfo.InvariantCulture, $"{outsideFirst,6:0} → {outsideLast,6:0} ({outsideLast / Math.Max(1, outsideFirst):0.00}×)")),-24}   {last.Note}"));
        }

        Console.WriteLine("targets: from 1× to 16× the same storage requests, and time growing < 1.3×");
        Console.WriteLine("outside storage: the operation's time less the time its storage requests took (sent to answer read, summed; requests sent at once are counted each),");
        Console.WriteLine("  i.e. the app's own work, Chromium and SendGrid's loopback stand-in: what grows there is the app's; what grows in storage is Azurite's per-request cost unless the requests' answers grow.");
    }

    private static async Task<Dictionary<string, (double, long, double, string)>> Level(int years)
    {
        await using var azurite = await Azurite.Start();
        var counter = new CountsRequests();
        using var sendGrid = new SummonsSendBenchmark.DrainingSendGrid();
        var settings = AppFixture.Settings(azurite.ConnectionString, $"http://127.0.0.1:{Azurite.FreePort()}");
        settings["Community:DefinitionBodies"] = string.Join(",", Bodies);
        settings["Documents:WarmUpAtStart"] = "true";
        settings.Remove("Intake:MaxFileBytes");
        settings.Remove("Intake:MaxCaseBytes");
        settings["Email:SendGridApiKey"] = "SG.bench";
        settings["Email:SendGridHost"] = sendGrid.Url;
        var app = await AppFixture.StartApp(settings, s => s.AddSingleton<HttpPipelinePolicy>(counter));
        try
        {
            var setup = Stopwatch.StartNew();
            var (meetingsBuilt, casesBuilt) = await History(app.Services, years);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {years}×: history written in {setup.Elapsed.TotalSeconds:0} s"));
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
            var meeting = (await app.Services.GetRequiredService<MeetingStore>().FindMeeting(await CurrentCases(http)))!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{years,2}×: {years} years, {meetingsBuilt} past meetings, {casesBuilt} cases, {meetingsBuilt * EmailsPerMeeting} emails; built in {setup.Elapsed.TotalSeconds:0} s"));

            var measured = new Dictionary<string, (double, long, double, string)>();

            // Asked 2 times to warm up, then Samples times; the median sample is kept, min and max go in the note.
            async Task MeasureRepeated(string name, Func<Task<string>> work)
            {
                await work();
                await work();
                var samples = new List<(double, long, double, string)>();
                for (var i = 0; i < Samples; i++)
                {
                    await Measure(name, work, quiet: true);
                    samples.Add(measured[name]);
                }

                var times = samples.Select(s => s.Item1).Order().ToList();
                var (ms, requests, storageMs, note) = samples.OrderBy(s => s.Item1).ElementAt(Samples / 2);
                measured[name] = (ms, requests, storageMs, string.Create(CultureInfo.InvariantCulture, $"{note} (min {times[0]:0}, max {times[^1]:0} ms of {Samples})").TrimStart());
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name}: median {ms:0} ms ({storageMs:0} ms waiting for storage), {requests} requests {measured[name].Item4}"));
            }

            async Task Measure(string name, Func<Task<string>> work, bool quiet = false)
            {
                var before = Interlocked.Read(ref counter.Requests);
                var scansBefore = Interlocked.Read(ref counter.Scans);
                var storageBefore = Interlocked.Read(ref counter.StorageTicks);
                counter.ByKind.Clear();
                counter.ScanFilters.Clear();
                var watch = Stopwatch.StartNew();
                var note = await work();
                var scans = Interlocked.Read(ref counter.Scans) - scansBefore;
                note = scans == 0 ? note : $"{note}; {scans} scan{(scans == 1 ? "" : "s")}: {string.Join(" | ", counter.ScanFilters.Select(f => $"{f.Value}× {f.Key}"))}";
                var storageMs = Stopwatch.GetElapsedTime(0, Interlocked.Read(ref counter.StorageTicks) - storageBefore).TotalMilliseconds;
                measured[name] = (watch.Elapsed.TotalMilliseconds, Interlocked.Read(ref counter.Requests) - before, storageMs, note);
                if (quiet)
                {
                    return;
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {name}: {watch.Elapsed.TotalMilliseconds:0} ms ({storageMs:0} ms waiting for storage), {measured[name].Item2} requests {note} (at {setup.Elapsed.TotalSeconds:0} s)"));
                Console.WriteLine("      most storage time: " + string.Join(", ", counter.ByKind.OrderByDescending(k => k.Value.Ticks).Take(4)
                    .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value.Count}× {Stopwatch.GetElapsedTime(0, k.Value.Ticks).TotalMilliseconds:0} ms"))));
            }

            var session = Tests.Workspace.WorkspaceSession.Secretariat(app.Services);
            async Task<string> Get(string path)
            {
                using var request = AppFixture.Secretariat(HttpMethod.Get, path);
                if (path.StartsWith("/api/sekretariat", StringComparison.Ordinal))
                {
                    request.Headers.Add("Cookie", session);
                }

                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                return $"{(await response.Content.ReadAsByteArrayAsync()).Length / 1024} KB";
            }

            var clock = app.Services.GetRequiredService<AdjustableClock>();
            var runner = app.Services.GetRequiredService<CycleRunner>();
            async Task<string> Tick()
            {
                var tick = await runner.Tick();
                return $"{tick.StepsRun} steps, {tick.EmailsSent} emails";
            }

            async Task MeasureTick(string name, DateTimeOffset due, bool twice = false)
            {
                clock.Set(due.AddMinutes(-1));
                var catchUp = Stopwatch.StartNew();
                var requestsBefore = Interlocked.Read(ref counter.Requests);
                var caught = await runner.Tick();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    catch-up tick before {name}: {caught.StepsRun} steps, {caught.EmailsSent} emails, {Interlocked.Read(ref counter.Requests) - requestsBefore} requests, {catchUp.Elapsed.TotalSeconds:0.0} s"));
                clock.Set(due);
                await Measure(name, async () => twice ? $"{await Tick()}; then {await Tick()}" : await Tick());
            }

            // The controls: storage's own time per request at this size, on the tables the ticks use most: a write and
            // a read of one row, and a query of a one-row partition (Azurite answers a query by reading its whole
            // table; Azure's service reads only the partition).
            var tables = app.Services.GetRequiredService<StorageClients>();
            await Measure("control: 120 plain requests", async () =>
            {
                foreach (var name in new[] { StorageNames.Cases, StorageNames.Outbox, StorageNames.CasesByMeeting })
                {
                    var table = await tables.Table(name);
                    for (var i = 0; i < 20; i++)
                    {
                        await table.UpsertEntityAsync(new TableEntity("benchmark-control", "row") { ["N"] = i });
                        await table.GetEntityAsync<TableEntity>("benchmark-control", "row");
                    }
                }

                return "point writes and reads";
            });
            await Measure("control: 60 one-row partition queries", async () =>
            {
                foreach (var name in new[] { StorageNames.Cases, StorageNames.Outbox, StorageNames.CasesByMeeting })
                {
                    var table = await tables.Table(name);
                    for (var i = 0; i < 20; i++)
                    {
                        await foreach (var _ in table.QueryAsync<TableEntity>("PartitionKey eq 'benchmark-control'"))
                        {
                        }
                    }
                }

                return "growth here is storage's per query, which every app query pays too";
            });

            var later = meeting.Date.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await MeasureRepeated("submission", async () =>
            {
                var submission = Submissions.Valid("Sak sendt mens historikken måles");
                submission["preferredMeetingDate"] = later;
                using var response = await http.PostAsync("/api/cases", Submissions.AsJson(submission));
                response.EnsureSuccessStatusCode();
                return "";
            });
            await MeasureRepeated("agenda GET (15 cases)", () => Get($"/api/meetings/{meeting.Id}/agenda"));
            await MeasureRepeated("case list, first page", () => Get("/api/cases?body=ssu"));
            await MeasureRepeated("public page (SSU)", () => Get("/api/offentlig/ssu"));
            await MeasureRepeated("feed: minutes (Atom)", () => Get("/api/offentlig/ssu/referater.atom"));
            await MeasureRepeated("feed: minutes (JSON)", () => Get("/api/offentlig/ssu/referater.json"));
            await MeasureRepeated("feed: snippet (siste.html)", () => Get("/api/offentlig/ssu/siste.html"));
            await MeasureRepeated("feed: calendar (.ics)", () => Get("/api/bodies/ssu/meetings.ics"));
            await MeasureRepeated("workspace: overview", () => Get("/api/sekretariat"));
            await MeasureRepeated("workspace: cases", () => Get("/api/sekretariat/saker"));
            await MeasureRepeated("workspace: Saksliste", () => Get($"/api/sekretariat/moter/{meeting.Id}/saksliste"));
            await MeasureRepeated("workspace: compliance, year", () => Get($"/api/sekretariat/utvalg/ssu/etterlevelse/{meeting.Date.Year - 1}"));

            var meetings = app.Services.GetRequiredService<MeetingStore>();
            var body = (await meetings.FindBody("ssu"))!;
            var plan = CyclePlan.For(meeting, body.Rules);
            await MeasureTick("tick: reminder", plan.Single(s => s.Step == CycleStep.DeadlineReminder).DueAt);
            clock.Set(plan.Single(s => s.Step == CycleStep.Summons).DueAt.AddHours(-2));
            await Measure("freeze the agenda (once)", async () =>
            {
                using var request = AppFixture.Secretariat(HttpMethod.Put, $"/api/meetings/{meeting.Id}/agenda", new { freeze = true });
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
                return "";
            });
            await MeasureTick("tick: summons, 8 MB packet", plan.Single(s => s.Step == CycleStep.Summons).DueAt);

            clock.Set(Common.Oslo.At(meeting.Date, new TimeOnly(15, 0)));
            var members = (await meetings.Roster("ssu", meeting.Date)).Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
            var onAgenda = (await app.Services.GetRequiredService<AgendaService>().Agenda(meeting.Id))!.Cases;
            var recorded = await app.Services.GetRequiredService<OutcomeRecording>().Record(meeting.Id,
                new OutcomeRecording.OutcomeInput(members, onAgenda.Select(c => new OutcomeRecording.ItemInput(c.Id, null, null, null)).ToList(), null), default);
            if (recorded is not OutcomeRecording.Result.Recorded)
            {
                throw new InvalidOperationException($"The outcome was not recorded: {recorded}");
            }

            var approval = (await app.Services.GetRequiredService<CycleStore>().StepsOf(meeting.Id)).Single(s => s.Step == CycleStep.Approval).DueAt;
            await MeasureTick("tick: approval + publication", approval, twice: true);
            return measured;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>16 cases on the SSU's next meeting with its case deadline open, 6 of them with a 1.4 MB PDF (the packet about 8 MB).</summary>
    private static async Task<string> CurrentCases(HttpClient http)
    {
        string? meetingId = null;
        for (var i = 0; i < 15; i++)
        {
            var submission = Submissions.Valid($"Sak {i + 1} om samhandling på Helgeland");
            using var content = i < 6 ? Submissions.AsMultipart(submission, ($"vedlegg-{i + 1}.pdf", TestFiles.Pdf($"Vedlegg {i + 1}", padding: 1_400_000 + i))) : (HttpContent)Submissions.AsJson(submission);
            using var response = await http.PostAsync("/api/cases", content);
            response.EnsureSuccessStatusCode();
            meetingId = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("meeting").GetProperty("id").GetString();
        }

        using var request = AppFixture.Secretariat(HttpMethod.Get, $"/api/meetings/{meetingId}/agenda");
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
        return meetingId!;
    }

    /// <summary>
    /// Past years of 3 bodies written through the app's own stores (the outbox's sent mail as rows in the
    /// shape the outbox writes, in batches): what a community that has used the app for that long holds.
    /// </summary>
    private static async Task<(int Meetings, int Cases)> History(IServiceProvider services, int years)
    {
        var meetings = services.GetRequiredService<MeetingStore>();
        var cases = services.GetRequiredService<CaseStore>();
        var receipts = services.GetRequiredService<PendingReceipts>();
        var agendas = services.GetRequiredService<AgendaService>();
        var minutes = services.GetRequiredService<MinutesStore>();
        var cycles = services.GetRequiredService<CycleStore>();
        var publications = services.GetRequiredService<PublicationStore>();
        var outbox = await services.GetRequiredService<StorageClients>().Table(StorageNames.Outbox);
        var today = DateOnly.FromDateTime(AppFixture.Start.Date);
        var past = new List<(Meeting Meeting, Body Body, IReadOnlyList<Member> Members)>();
        foreach (var code in Bodies)
        {
            var body = (await meetings.FindBody(code))!;
            var members = await meetings.Members(code);
            for (var year = today.Year - years; year < today.Year; year++)
            {
                foreach (var month in new[] { 2, 4, 6, 9, 10, 12 })
                {
                    var date = MeetingPlanRules.SameWeekday(new DateOnly(2027, month, 11), year);
                    var meeting = new Meeting(MeetingId.For(code, date, MeetingKind.Ordinary), code, date, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null, MeetingKind.Ordinary, MeetingStatus.Planned);
                    await meetings.AddMeeting(meeting);
                    past.Add((meeting, body, members));
                }
            }
        }

        await Parallel.ForEachAsync(past.Select((p, n) => (p, n)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (x, ct) =>
        {
            var ((meeting, body, members), n) = x;
            var done = Common.Oslo.StartOfDay(meeting.Date.AddDays(6));
            await cycles.Create(meeting.Id, body.Code, CyclePlan.For(meeting, body.Rules).Select(p => new StepRecord(p.Step, p.DueAt, StepStatus.Done, p.DueAt, "Utført")).ToList(), ct);
            var ids = new List<string>();
            for (var c = 0; c < CasesPerMeeting; c++)
            {
                var id = $"HIS-{meeting.Date.Year}-{body.Code}-{n * CasesPerMeeting + c + 1:D5}";
                var content = new CaseSubmission(body.Code, $"Sak {c + 1} til møtet {meeting.Date:dd.MM.yyyy}: samhandling om pasientforløp", CaseKind.Decision, "Rana kommune",
                    new Submitter("Åse Ødegård", "ase@example.org", "Rana kommune"), string.Concat(Enumerable.Repeat("Sammendrag av saken. ", 20)),
                    string.Concat(Enumerable.Repeat("Bakgrunn for saken. ", 100)), "Vurdering.", ["Utvalget slutter seg til forslaget."], null, null);
                await cases.Add(new CaseRecord(id, content, [], CaseStatus.Treated, meeting.Id.Value, meeting.Date, Common.Oslo.StartOfDay(meeting.Date.AddDays(-30)), null), ct);
                await receipts.MarkRecorded(id, ct);
                ids.Add(id);
            }

            await agendas.Save(new AgendaState(meeting.Id.Value, true, Common.Oslo.StartOfDay(meeting.Date.AddDays(-8)), "sekretariatet", ids, 1, meeting.Date.Year), ct);
            var present = members.Where(m => m.Role == MemberRole.Member).Select(m => m.Id).ToList();
            var outcome = new MeetingOutcome(present, new Dictionary<string, string>(), true,
                ids.Select(id => new ItemOutcome(id, ItemResult.Adopted, "Utvalget slutter seg til forslaget.", [], true)).ToList(), null, null);
            var url = $"https://example.org/offentlig/{meeting.Id}";
            await minutes.Save(MinutesState.Empty(meeting.Id) with
            {
                Outcome = outcome, DraftVersion = 1, DraftSentAt = Common.Oslo.StartOfDay(meeting.Date), ApprovedAt = done, ApprovedBy = MinutesState.BySilence, PublishedAt = done, PublishedUrl = $"{url}/referat.pdf",
            }, ct);
            await publications.Save(body.Code, new Published(meeting.Id.Value, meeting.Date, $"{url}/referat.pdf", $"{url}/innkalling.pdf", done,
                ids.Select((id, i) => new PublishedPaper($"Sak {i + 1}", $"{url}/sak-{i + 1:00}.pdf", null)).ToList()), ct);
            var sent = Enumerable.Range(0, EmailsPerMeeting).Select(e =>
            {
                var member = members[e % members.Count];
                var id = $"{(e < 40 ? "summons" : e < 80 ? "minutes-draft-v1" : "minutes-approved")}.{meeting.Id}.{member.Id}.{e}";
                var message = new EmailMessage(id, [new EmailAddress(member.Email, member.Name)], $"Innkalling til møte {meeting.Date:dd.MM.yyyy}", "Tekst", "<p>Tekst</p>", []);
                return new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("email", id)
                {
                    ["MessageId"] = id, ["State"] = "Sent", ["CreatedAt"] = done, ["SentAt"] = done, ["Attempts"] = 1, ["ProviderId"] = "historikk",
                    ["To"] = member.Email, ["Subject"] = message.Subject, ["Message"] = Json.Write(message),
                });
            });
            foreach (var batch in sent.Chunk(100))
            {
                await outbox.SubmitTransactionAsync(batch, ct);
            }
        });

        return (past.Count, past.Count * CasesPerMeeting);
    }
}
