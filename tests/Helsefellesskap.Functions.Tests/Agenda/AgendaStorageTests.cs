using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Helsefellesskap.Functions.Tests.Cycle;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Helsefellesskap.Functions.Tests.Agenda;

/// <summary>
/// A meeting's agenda reads that meeting's cases, whatever the body's history; cases stored before the
/// index existed are found all the same.
/// </summary>
[Collection(AppCollection.Name)]
[OwnTime]
public sealed class AgendaStorageTests(AppFixture app)
{
    [Fact]
    public async Task TheAgenda_ReadsAsMuchWithAHundredOtherCasesInTheBody_AsWithout()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 4));
        await t.SubmitCase(app, "Sak på møtet i mars");
        await t.SubmitCase(app, "Enda en sak på møtet i mars");
        var later = new Meeting(MeetingId.For(t.Body.Code, new DateOnly(2028, 3, 2), MeetingKind.Ordinary), t.Body.Code, new DateOnly(2028, 3, 2), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mo", null, MeetingKind.Ordinary, MeetingStatus.Planned);
        await app.Service<MeetingStore>().AddMeeting(later);

        var counter = new CountsStorageReads();
        var instance = await app.StartAnother(services: s => s.AddSingleton<HttpPipelinePolicy>(counter));
        try
        {
            var agendas = instance.Services.GetRequiredService<AgendaService>();
            await agendas.Agenda(t.Meeting.Id); // the index of the body is checked once per process
            counter.Counting = true;
            Assert.Equal(2, (await agendas.Agenda(t.Meeting.Id))!.Cases.Count);
            var (bytesBefore, requestsBefore) = (counter.Bytes, counter.Requests);

            var store = app.Service<CaseStore>();
            var template = (await store.OnMeeting(t.Body.Code, t.Meeting.Id))[0];
            for (var i = 0; i < 100; i++)
            {
                await store.Add(template with { Id = $"{t.Body.Code.ToUpperInvariant()}-HIST-{i:000}", MeetingId = later.Id.Value, MeetingDate = later.Date, Content = template.Content with { Title = $"Historisk sak {i} med en lang tittel som tar plass" } });
            }

            counter.Counting = false;
            var (bytesAtStart, requestsAtStart) = (counter.Bytes, counter.Requests);
            counter.Counting = true;
            Assert.Equal(2, (await agendas.Agenda(t.Meeting.Id))!.Cases.Count);

            Assert.Equal(requestsBefore, counter.Requests - requestsAtStart);
            Assert.Equal(bytesBefore, counter.Bytes - bytesAtStart);
        }
        finally
        {
            await instance.StopAsync();
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task CasesStoredBeforeTheIndex_AreOnTheAgenda()
    {
        app.Clock.Set(AppFixture.Start);
        var t = await CycleTestBody.Create(app, new DateOnly(2027, 3, 11));
        var first = await t.SubmitCase(app, "Sak lagret før indeksen");
        var second = await t.SubmitCase(app, "Enda en sak lagret før indeksen");

        // As the first release stored them: no index rows, no marker.
        var index = await app.Storage.Table(StorageNames.CasesByMeeting);
        await index.DeleteEntityAsync(t.Meeting.Id.Value, first);
        await index.DeleteEntityAsync(t.Meeting.Id.Value, second);
        await index.DeleteEntityAsync("indexed", t.Body.Code);

        var instance = await app.StartAnother();
        try
        {
            var agenda = (await instance.Services.GetRequiredService<AgendaService>().Agenda(t.Meeting.Id))!;
            Assert.Equal([first, second], agenda.Cases.Select(c => c.Id));
            Assert.True((await index.GetEntityIfExistsAsync<TableEntity>("indexed", t.Body.Code)).HasValue);
        }
        finally
        {
            await instance.StopAsync();
            await instance.DisposeAsync();
        }
    }
}
