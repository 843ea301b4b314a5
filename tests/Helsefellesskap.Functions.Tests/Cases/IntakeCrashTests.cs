using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cases;

/// <summary>
/// The process dies between any two storage writes of a submission (an instance whose storage fails
/// from its Nth write on, as if killed there). A retry with the same Idempotency-Key on a healthy
/// instance, after the reservation's lease, always ends with exactly one case and its receipt.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class IntakeCrashTests(AppFixture app)
{
    [Fact]
    public async Task ACrashBetweenAnyTwoWrites_EndsWithOneCaseAndOneReceipt()
    {
        var crashedBeforeAnswering = 0;
        for (var n = 1; n <= 17; n++)
        {
            app.Clock.Set(AppFixture.Start);
            var title = $"Krasj ved skriving {n} {Guid.NewGuid():N}";
            var key = $"krasj-{Guid.NewGuid():N}";
            var dying = await app.StartAnother(services: s => s.AddSingleton<HttpPipelinePolicy>(new DiesAtWrite(n)));
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri(dying.Urls.First()) };
                var first = await client.SendAsync(Request(title, key));
                Assert.True(first.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"write {n}: {(int)first.StatusCode}");
                crashedBeforeAnswering += first.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
            }
            finally
            {
                await dying.StopAsync();
                await dying.DisposeAsync();
            }

            app.Clock.Set(AppFixture.Start + IdempotencyKeys.ReservationLease + TimeSpan.FromSeconds(5));
            var retry = await app.Http.SendAsync(Request(title, key));
            Assert.True(retry.StatusCode == HttpStatusCode.Created, $"write {n}: retry answered {(int)retry.StatusCode}");
            await app.WorkAfterAnswers();
            await app.Service<CaseIntake>().SweepReceipts();

            // A receipt the dying instance had recorded, claimed, for sending just after its answer waits out the claim
            // (5 minutes); then the next dispatcher asks the provider (here: the outbox file) before sending it again.
            app.Clock.Set(AppFixture.Start + TimeSpan.FromMinutes(6));
            await app.Service<EmailOutbox>().SendPending();

            var cases = (await app.Service<CaseStore>().List("ssu", null)).Where(c => c.Title == title).ToList();
            var stored = Assert.Single(cases);
            Assert.Equal(EmailOutbox.State.Sent, await app.Service<EmailOutbox>().StateOf(MessageIds.CaseReceipt(stored.Id)));
        }

        // The early crash points (reservation, reference, case) fail the request; the late ones (receipt) do not.
        Assert.InRange(crashedBeforeAnswering, 4, 14);
    }

    private static HttpRequestMessage Request(string title, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = Submissions.AsJson(Submissions.Valid(title)) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }
}
