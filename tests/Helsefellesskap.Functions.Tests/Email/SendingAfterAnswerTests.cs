using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Email;

/// <summary>
/// A request answers once what it owes is stored; what it sends goes just after the answer (issue 27). Shown with a
/// mail provider that holds every message until the test lets go: the answers come while it holds, and each email goes
/// once when it lets go.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class SendingAfterAnswerTests(AppFixture app)
{
    /// <summary>A provider that takes messages at once, or, once held, only when the test lets go.</summary>
    private sealed class HoldingSender : IEmailSender
    {
        private volatile TaskCompletionSource? held;
        private int handedWhileHeld;

        public ConcurrentBag<string> Taken { get; } = [];

        public int HandedWhileHeld => Volatile.Read(ref handedWhileHeld);

        /// <summary>How many of the next messages the provider refuses (503) before it takes them again.</summary>
        public int Refuse;

        public void Hold() => held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void LetGo() => held?.TrySetResult();

        public async Task<string> Send(EmailMessage message, CancellationToken ct)
        {
            if (Interlocked.Decrement(ref Refuse) >= 0)
            {
                throw new HttpRequestException("Tjenesten er midlertidig utilgjengelig", null, HttpStatusCode.ServiceUnavailable);
            }

            if (held is { } gate)
            {
                Interlocked.Increment(ref handedWhileHeld);
                await gate.Task.WaitAsync(ct);
            }

            Taken.Add(message.Id);
            return "taken";
        }

        public Task<bool?> WasDelivered(string messageId, CancellationToken ct) => Task.FromResult<bool?>(false);
    }

    /// <summary>Another instance of the app with a holding provider; disposing lets the provider go and stops the instance.</summary>
    private sealed class HoldingInstance(WebApplication instance, HoldingSender sender) : IAsyncDisposable
    {
        private readonly HttpClient http = new() { BaseAddress = new Uri(instance.Urls.First()), Timeout = TimeSpan.FromSeconds(20) };

        public void Deconstruct(out WebApplication app, out HttpClient client, out HoldingSender provider) => (app, client, provider) = (instance, http, sender);

        public async ValueTask DisposeAsync()
        {
            sender.LetGo();
            http.Dispose();
            await instance.StopAsync();
            await instance.DisposeAsync();
        }
    }

    private async Task<HoldingInstance> Instance()
    {
        var sender = new HoldingSender();
        return new HoldingInstance(await app.StartAnother(services: s => s.AddSingleton<IEmailSender>(sender)), sender);
    }

    private static async Task UntilHanded(HoldingSender sender, int count)
    {
        for (var i = 0; i < 200 && sender.HandedWhileHeld < count; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(sender.HandedWhileHeld >= count, $"{sender.HandedWhileHeld} of {count} emails reached the provider");
    }

    [Fact]
    public async Task ASubmission_IsAnsweredWhileTheProviderHoldsItsReceipt_AndTheReceiptGoesOnceItLetsGo()
    {
        await using var holding = await Instance();
        var (instance, http, sender) = holding;
        sender.Hold();
        var receipt = MessageIds.CaseReceipt(await Submissions.Submit(http, "Sak mens e-posten står"));

        // Answered, and the receipt is at the provider, held there: claimed, not yet sent.
        await UntilHanded(sender, 1);
        var outbox = instance.Services.GetRequiredService<EmailOutbox>();
        Assert.Equal(EmailOutbox.State.Sending, await outbox.StateOf(receipt));

        sender.LetGo();
        Assert.True(await instance.Services.GetRequiredService<AfterAnswer>().Idle(TimeSpan.FromSeconds(30)));
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(receipt));
        Assert.Single(sender.Taken, receipt);
    }

    /// <summary>
    /// Cases that come in a rush are announced to the secretariat together: while the provider holds the first receipts,
    /// the next cases queue, and their notice is one email naming them all. Every case is named in exactly one notice,
    /// and every submitter gets one receipt.
    /// </summary>
    [Fact]
    public async Task CasesInARush_AreNamedInOneNoticeEach_WithFewerNoticesThanCases()
    {
        await using var holding = await Instance();
        var (instance, http, sender) = holding;
        sender.Hold();
        var ids = await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Submissions.Submit(http, $"Sak i et rush {i} {Guid.NewGuid():N}")));
        await UntilHanded(sender, 1);
        sender.LetGo();
        Assert.True(await instance.Services.GetRequiredService<AfterAnswer>().Idle(TimeSpan.FromSeconds(30)));

        var table = await app.Storage.Table(StorageNames.Outbox);
        var notices = new List<string>();
        foreach (var id in sender.Taken.Where(id => id.StartsWith(MessageIds.NewCase(""), StringComparison.Ordinal) && ids.Contains(id[MessageIds.NewCase("").Length..])))
        {
            var row = await table.GetEntityAsync<Azure.Data.Tables.TableEntity>("email", id);
            notices.Add(Json.Read<EmailMessage>(row.Value.GetString("Message")).TextBody);
        }

        Assert.All(ids, id => Assert.Single(notices, n => n.Contains(id, StringComparison.Ordinal)));
        Assert.InRange(notices.Count, 1, ids.Length - 1);
        Assert.Contains(notices, n => n.Contains("Disse sakene er kommet inn:", StringComparison.Ordinal));
        Assert.All(ids, id => Assert.Single(sender.Taken, t => t == MessageIds.CaseReceipt(id)));
    }

    /// <summary>
    /// The receipt and the notice go just after the answer; one the provider refuses then stays in the outbox's index of
    /// pending mail (the one sent leaves it), and goes with the outbox's next round, once.
    /// </summary>
    [Fact]
    public async Task AReceiptTheProviderRefusesJustAfterTheAnswer_GoesWithTheOutboxsNextRound_Once()
    {
        await using var holding = await Instance();
        var (instance, http, sender) = holding;
        sender.Refuse = 1;
        var caseId = await Submissions.Submit(http, "Sak når leverandøren avviser");
        Assert.True(await instance.Services.GetRequiredService<AfterAnswer>().Idle(TimeSpan.FromSeconds(30)));

        var outbox = instance.Services.GetRequiredService<EmailOutbox>();
        var states = new Dictionary<string, EmailOutbox.State?>();
        foreach (var id in new[] { MessageIds.CaseReceipt(caseId), MessageIds.NewCase(caseId) })
        {
            states[id] = await outbox.StateOf(id);
        }

        var refused = Assert.Single(states, s => s.Value == EmailOutbox.State.Pending).Key;
        var sent = Assert.Single(states, s => s.Value == EmailOutbox.State.Sent).Key;
        var table = await app.Storage.Table(StorageNames.Outbox);
        Assert.True((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("email", "!pending." + refused)).HasValue, "the refused message is not in the index of pending mail");
        Assert.False((await table.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>("email", "!pending." + sent)).HasValue, "the sent message is left in the index of pending mail");

        await outbox.SendPending();
        Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(refused));
        Assert.Single(sender.Taken, id => id == refused);
        await outbox.SendPending();
        Assert.Single(sender.Taken, id => id == refused);
    }

    [Fact]
    public async Task NineAbsencesAtOnce_AreAnsweredWhileTheProviderHoldsTheirEmails_AndEachGoesOnce()
    {
        await using var holding = await Instance();
        var (instance, http, sender) = holding;
        var t = await CycleTestBody.Create(instance.Services, new DateOnly(2028, 5, 18));
        await t.SubmitCase(http, "Sak til møtet med mange forfall");
        instance.Services.GetRequiredService<AdjustableClock>().Set(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
        await instance.Services.GetRequiredService<CycleRunner>().Tick();
        Assert.Contains(sender.Taken, id => id == MessageIds.Summons(t.Meeting.Id, "k1"));

        sender.Hold();
        var voting = t.Members.Where(m => m.Role == MemberRole.Member).Take(9).ToList();
        var answers = await Task.WhenAll(voting.Select(async m =>
        {
            using var request = AppFixture.Secretariat(HttpMethod.Post, $"/api/meetings/{t.Meeting.Id}/absences", new { memberId = m.Id, reason = "Sykdom" });
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<AbsenceEndpoints.AbsenceAnswer>(Json.Options))!;
        }));

        // Every answer came while the provider held the emails: each stand-in is someone else, none absent.
        var standIns = answers.Select(a => a.StandIn).OfType<string>().ToList();
        Assert.Equal(standIns.Count, standIns.Distinct().Count());
        Assert.DoesNotContain(standIns, voting.Select(m => m.Id).Contains);
        Assert.NotEmpty(standIns);
        await UntilHanded(sender, 1);

        sender.LetGo();
        Assert.True(await instance.Services.GetRequiredService<AfterAnswer>().Idle(TimeSpan.FromSeconds(60)));
        var expected = voting.SelectMany(m => new[] { MessageIds.AbsenceConfirmation(t.Meeting.Id, m.Id), MessageIds.AbsenceNotice(t.Meeting.Id, m.Id) })
            .Concat(standIns.Select(s => MessageIds.DeputySummons(t.Meeting.Id, s)))
            .Order(StringComparer.Ordinal);
        var taken = sender.Taken.Where(id => id.Contains(t.Meeting.Id.Value, StringComparison.Ordinal) && id.Split('.')[0] is "absence-confirmation" or "absence-notice" or "deputy-summons");
        Assert.Equal(expected, taken.Order(StringComparer.Ordinal));
    }
}
