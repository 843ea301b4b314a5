using Helsefellesskap.Functions.Web;
using Microsoft.Azure.Functions.Worker;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>The meeting plan, its calendar, a meeting's agenda and papers. Each function serves its route through the app's pipeline (ADR 0018).</summary>
public sealed class AgendaFunctions(RequestPipeline pipeline)
{
    [Function("BodyMeetings")]
    public Task BodyMeetings([HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "bodies/{body}/meetings")] HttpRequest request) => pipeline.Serve(request);

    [Function("BodyMeetingsCalendar")]
    public Task BodyMeetingsCalendar([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "bodies/{body}/meetings.ics")] HttpRequest request) => pipeline.Serve(request);

    [Function("CaseDocument")]
    public Task CaseDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{id}/document")] HttpRequest request) => pipeline.Serve(request);

    [Function("MeetingAgenda")]
    public Task MeetingAgenda([HttpTrigger(AuthorizationLevel.Anonymous, "get", "put", Route = "meetings/{id}/agenda")] HttpRequest request) => pipeline.Serve(request);

    [Function("MeetingById")]
    public Task MeetingById([HttpTrigger(AuthorizationLevel.Anonymous, "put", "delete", Route = "meetings/{id}")] HttpRequest request) => pipeline.Serve(request);

    [Function("MeetingPacket")]
    public Task MeetingPacket([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{id}/packet")] HttpRequest request) => pipeline.Serve(request);

    [Function("PersonalPacket")]
    public Task PersonalPacket([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sakspapirer/{meetingId}/{memberId}")] HttpRequest request) => pipeline.Serve(request);
}
