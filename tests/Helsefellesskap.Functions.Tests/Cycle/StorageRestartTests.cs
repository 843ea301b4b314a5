using System.Net;
using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// The storage service itself stops in the middle of a summons (a real Azurite stopped at the step's
/// Nth write, with its data kept on disk) and is started again later. The app's own in-process ticker
/// keeps running through the outage, answers 503 meanwhile, and finishes the step once storage is back.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class StorageRestartTests(AppFixture app)
{
    [Theory]
    [InlineData(3)]
    [InlineData(20)]
    public async Task StorageStoppedInTheMiddleOfTheSummons_AndStartedAgain_TheTickerFinishesIt(int n)
    {
        var folder = Directory.CreateTempSubdirectory("azurite-restart-");
        var storage = await Azurite.StartKeepingDataIn(folder.FullName);
        var stop = new StopsStorageAtWrite(n, storage.Stop);
        WebApplication? instance = null;
        try
        {
            instance = await app.StartAnother(
                settings =>
                {
                    settings["Storage:ConnectionString"] = storage.ConnectionString;
                    settings["Cycle:InProcessTicker"] = "true";
                    settings["Cycle:TickSeconds"] = "1";
                },
                services: s => s.AddSingleton<HttpPipelinePolicy>(stop));
            using var http = new HttpClient { BaseAddress = new Uri(instance.Urls.First()) };
            var t = await CycleTestBody.Create(instance.Services, new DateOnly(2028, 9, 7));
            await t.SubmitCase(http, "Sak i et møte der lagringen stopper under innkallingen");

            stop.Arm();
            instance.Services.GetRequiredService<AdjustableClock>().Set(CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt);
            await Until(() => Task.FromResult(stop.Stopped), "storage to be stopped by the summons");

            // While storage is gone the app answers, and says so.
            using (var health = await http.GetAsync("/api/health"))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            }

            var submission = Submissions.Valid("Sak sendt mens lagringen er borte");
            submission["body"] = t.Body.Code;
            using (var refused = await http.PostAsync("/api/cases", Submissions.AsJson(submission)))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
                Assert.NotNull(refused.Headers.RetryAfter);
            }

            storage = await storage.Restart();

            // Time goes on (the test's clock stands still unless moved): an email claimed just as storage went
            // is taken over when its claim runs out, after the outbox checks it was not sent already.
            var clock = instance.Services.GetRequiredService<AdjustableClock>();
            clock.Set(clock.GetUtcNow().AddMinutes(6));
            var steps = instance.Services.GetRequiredService<CycleStore>();
            await Until(async () => (await steps.StepsOf(t.Meeting.Id)).Single(s => s.Step == CycleStep.Summons).Status == StepStatus.Done, "the summons to be finished");
            var outbox = instance.Services.GetRequiredService<EmailOutbox>();
            async Task<bool> AllSent()
            {
                foreach (var member in t.Members)
                {
                    if (await outbox.StateOf(MessageIds.Summons(t.Meeting.Id, member.Id)) != EmailOutbox.State.Sent)
                    {
                        return false;
                    }
                }

                return true;
            }

            await Until(AllSent, "every summons to be sent");

            using var healthy = await http.GetAsync("/api/health");
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }
        finally
        {
            if (instance is not null)
            {
                await instance.StopAsync();
                await instance.DisposeAsync();
            }

            await storage.DisposeAsync();
            folder.Delete(recursive: true);
        }
    }

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Waited 90 s for {what}.");
            await Task.Delay(200);
        }
    }
}
