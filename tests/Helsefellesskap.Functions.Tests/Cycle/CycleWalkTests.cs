using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>A whole cycle from plan to summons, walked on the dev clock against Azurite, read back from the outbox.</summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class CycleWalkTests(AppFixture app)
{
    private async Task<CycleEndpoints.ClockAnswer> SetClock(DateTimeOffset now)
    {
        var response = await app.Http.PostAsJsonAsync("/api/dev/clock", new { now });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CycleEndpoints.ClockAnswer>(Json.Options))!;
    }

    private async Task<List<DevOutboxEndpoints.OutboxEntry>> Outbox(string prefix) =>
        (await app.Http.GetFromJsonAsync<List<DevOutboxEndpoints.OutboxEntry>>($"/api/dev/outbox?prefix={Uri.EscapeDataString(prefix)}", Json.Options))!
            .Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private static DateTimeOffset Oslo(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task SsuCycle_FromPlanToSummons_SendsEachEmailOnce_OnTime()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 1, 7));
        var id = t.Meeting.Id;
        await t.SubmitCase(app, "Felles rutine for utskrivning", ("rutine.pdf", TestFiles.Pdf("Rutinen")));
        await t.SubmitCase(app, "Legevaktsamarbeid på Sør-Helgeland");

        // Before anything is due: nothing happens.
        await SetClock(Oslo(2026, 12, 10, 7, 59));
        Assert.Empty(await Outbox($"reminder.{id}."));

        // T − 28 d, 08:00: the partners are reminded of the case deadline.
        await SetClock(Oslo(2026, 12, 10, 8, 0));
        var reminders = await Outbox($"reminder.{id}.");
        Assert.Equal(14, reminders.Count);
        Assert.All(reminders, r => Assert.StartsWith("Saksfrist 17.12.2026", r.Subject));

        // A case after the deadline goes to the next meeting (this body has none: it waits for the secretariat).
        await SetClock(Oslo(2026, 12, 18, 0, 5));
        var deadline = Assert.Single(await Outbox($"deadline.{id}"));
        Assert.Equal(["sekretariat@example.org"], deadline.To);
        Assert.Contains("2 saker", deadline.Subject);

        // T − 8 d: the agenda is not frozen, so the secretariat is told.
        await SetClock(Oslo(2026, 12, 30, 8, 0));
        Assert.Single(await Outbox($"freeze-escalation.{id}"));

        // T − 7 d: the cycle freezes the agenda itself and summons everyone with the papers.
        await SetClock(Oslo(2026, 12, 31, 8, 0));
        Assert.Single(await Outbox($"auto-freeze.{id}"));
        Assert.Equal(2, (await Outbox("case-placed.")).Count(m => m.Name.Contains(id.Value, StringComparison.Ordinal) && m.Subject.Contains("på sakslisten", StringComparison.Ordinal)));
        var summons = await Outbox($"summons.{id}.");
        Assert.Equal(t.Members.Select(m => m.Email).Order(), summons.SelectMany(s => s.To).Order());
        Assert.All(summons, s => Assert.Equal(["sakspapirer.pdf", "invitasjon.ics"], s.Attachments));
        Assert.All(summons, s => Assert.Equal("Innkalling til møte i TU 07.01.2027", s.Subject));

        // Ticking again sends nothing more.
        var again = await SetClock(Oslo(2026, 12, 31, 9, 0));
        Assert.Equal(28, (await Outbox($"summons.{id}.")).Count);

        // Every message was handed over exactly once.
        var outbox = await app.Storage.Table(StorageNames.Outbox);
        var records = new List<TableEntity>();
        await foreach (var e in outbox.QueryAsync<TableEntity>(e => e.PartitionKey == "email"))
        {
            if (e.GetString("MessageId")?.Contains($".{id}", StringComparison.Ordinal) == true)
            {
                records.Add(e);
            }
        }

        Assert.Equal(14 + 1 + 1 + 1 + 2 + 28, records.Count); // reminders, deadline, escalation, auto-freeze, the 2 submitters told their case's number, summonses
        Assert.All(records, r => Assert.Equal(("Sent", 1), (r.GetString("State"), r.GetInt32("Attempts"))));

        // The compliance timeline: every step done at its planned time.
        var cycle = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{id}/cycle");
        Assert.True(cycle.AgendaFrozen);
        Assert.Equal("MinutesDraft", cycle.Next!.Step);
        Assert.Equal(["DeadlineReminder", "CaseDeadline", "FreezeCheck", "Summons", "MinutesDraft", "Approval", "Publication"], cycle.Steps.Select(s => s.Step));
        Assert.All(cycle.Steps.Take(4), s => Assert.Equal(StepStatus.Done, s.Status));
        Assert.DoesNotContain(cycle.Steps, s => s.Late);
        Assert.Contains("28 mottakere", cycle.Steps[3].Outcome);

        // The frozen agenda numbers the cases after the approval item, and the standing items close it.
        var agenda = await app.GetAsSecretariat<Functions.Agenda.AgendaEndpoints.AgendaView>($"/api/meetings/{id}/agenda");
        Assert.Equal(
            ["1/27 Godkjenning av innkalling og saksliste", "2/27 Felles rutine for utskrivning", "3/27 Legevaktsamarbeid på Sør-Helgeland", "4/27 Orientering fra sekretariatet", "5/27 Eventuelt"],
            agenda.Items.Select(i => $"{i.Number} {i.Title}"));
        Assert.Equal(again.Now, app.Clock.GetUtcNow(), TimeSpan.FromSeconds(30)); // reading moves no clock (a move would be hours)

        // Planning the meeting again (as every start re-seeds) keeps the history as it is.
        Assert.False(await app.Service<CycleRunner>().Plan(t.Meeting, t.Body));
        var replanned = await app.GetAsSecretariat<CycleStatus.CycleView>($"/api/meetings/{id}/cycle");
        Assert.All(replanned.Steps.Take(4), s => Assert.Equal(StepStatus.Done, s.Status));
    }

    [Fact]
    public async Task DevClock_RefusesATimeItCannotRead()
    {
        var response = await app.Http.PostAsync("/api/dev/clock", new StringContent("{\"now\": \"i morgen\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Ugyldig tidspunkt", json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task DevEndpoints_AnswerNotFound_OutsideDevelopment()
    {
        await using var production = await app.StartAnother(environment: "Production");
        using var http = new HttpClient { BaseAddress = new Uri(production.Urls.First()) };
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/dev/clock", new { now = AppFixture.Start })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/dev/outbox")).StatusCode);
        await production.StopAsync();
    }
}
