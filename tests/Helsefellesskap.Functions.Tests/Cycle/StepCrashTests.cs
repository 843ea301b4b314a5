using Azure.Core.Pipeline;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Cycle;

/// <summary>
/// The process dies in the middle of the summons step, at its Nth storage write (printing, storing the
/// packet, recording 28 emails, moving the cycle on). The next tick on a healthy instance finishes the
/// step: every member, deputy and observer has exactly one summons recorded and sent.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class StepCrashTests(AppFixture app)
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(25)]
    [InlineData(40)]
    public async Task ACrashInTheSummonsStep_IsFinishedByTheNextTick(int n)
    {
        var t = await CycleTestBody.Create(app, new DateOnly(2028, 4, 20).AddDays(7 * n));
        await t.SubmitCase(app, $"Sak i et møte der innkallingen krasjer ved skriving {n}");
        var due = CyclePlan.For(t.Meeting, t.Body.Rules).Single(s => s.Step == CycleStep.Summons).DueAt;

        var dying = await app.StartAnother(services: s => s.AddSingleton<HttpPipelinePolicy>(new DiesAtWrite(n)));
        try
        {
            dying.Services.GetRequiredService<AdjustableClock>().Set(due);
            await dying.Services.GetRequiredService<CycleRunner>().Tick();
        }
        catch (Azure.RequestFailedException)
        {
            // The tick itself could not read what is due: the process died before doing anything.
        }
        finally
        {
            await dying.StopAsync();
            await dying.DisposeAsync();
        }

        app.Clock.Set(due.AddHours(7));
        await app.Service<CycleRunner>().Tick();

        var summons = (await app.Service<CycleStore>().StepsOf(t.Meeting.Id)).Single(s => s.Step == CycleStep.Summons);
        Assert.Equal(StepStatus.Done, summons.Status);
        var outbox = app.Service<EmailOutbox>();
        foreach (var member in t.Members)
        {
            Assert.Equal(EmailOutbox.State.Sent, await outbox.StateOf(MessageIds.Summons(t.Meeting.Id, member.Id)));
        }
    }
}
