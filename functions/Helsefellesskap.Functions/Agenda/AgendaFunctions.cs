using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>The meeting plan, its calendar, a meeting's agenda and papers. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class AgendaFunctions(RequestPipeline pipeline)
{
    [Function("BodyMeetings")]
    public Task BodyMeetings([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "bodies/{body}/meetings")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("BodyMeetingsCalendar")]
    public Task BodyMeetingsCalendar([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bodies/{body}/meetings.ics")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("CaseDocument")]
    public Task CaseDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{id}/document")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MeetingAgenda")]
    public Task MeetingAgenda([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "meetings/{id}/agenda")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MeetingById")]
    public Task MeetingById([HttpTrigger(AuthorizationLevel.Anonymous, "put", "delete", Route = "meetings/{id}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("MeetingPacket")]
    public Task MeetingPacket([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}/packet")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);

    [Function("PersonalPacket")]
    public Task PersonalPacket([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sakspapirer/{meetingId}/{memberId}")] HttpRequest request, [DurableClient] DurableTaskClient cycles) => pipeline.Serve(request, cycles);
}
