using System.Security.Claims;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Referat: the draft as it will be sent, sending it now, change requests, approval, a new round, the published version.</summary>
public static class MinutesScreen
{
    /// <param name="Cases">The agenda's cases, which files can belong to.</param>
    public sealed record Model(Body Body, Meeting Meeting, MinutesState State, IReadOnlyDictionary<string, string> Names, IReadOnlyList<AgendaItem> Cases, string? Notice, string? Error);

    public static void MapMinutesScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("moter/{id}/referat", Show);
        screens.MapPost("moter/{id}/referat", Act);
        screens.MapGet("moter/{id}/referat-utkast.pdf", Preview);
        screens.MapPost("moter/{id}/referat/filer", AddFiles);
    }

    private static async Task<IResult> Show(string id, string? utfort, MeetingStore meetings, MinutesStore minutes, AgendaService agendas, CancellationToken ct) =>
        MeetingId.TryParse(id, out var meetingId) && await Load(meetingId, WorkspaceResults.Notice(utfort), null, meetings, minutes, agendas, ct) is { } model
            ? Pages.Render<MinutesPage>(new { Model = model })
            : MeetingScreen.NotFound(id);

    private static async Task<Model?> Load(MeetingId id, string? notice, string? error, MeetingStore meetings, MinutesStore minutes, AgendaService agendas, CancellationToken ct)
    {
        if (await meetings.FindMeetingWithBody(id, ct) is not var (meeting, body))
        {
            return null;
        }

        var names = (await meetings.Members(body.Code, ct)).ToDictionary(m => m.Id, m => m.Name);
        var items = (await agendas.Agenda(id, ct))?.Items.Where(i => i.CaseId is not null).ToList() ?? [];
        return new Model(body, meeting, await minutes.Get(id, ct), names, items, notice, error);
    }

    /// <summary><c>action</c>: <c>send</c> (the draft now), <c>approve</c>, <c>recirculate</c> (a new version after changes).</summary>
    private static async Task<IResult> Act(string id, IFormCollection form, ClaimsPrincipal user, SecretariatMinutes secretariat, AuditTrail audit, MeetingStore meetings, MinutesStore minutes, AgendaService agendas, CancellationToken ct)
    {
        if (!MeetingId.TryParse(id, out var meetingId))
        {
            return MeetingScreen.NotFound(id);
        }

        var action = form["action"].FirstOrDefault();
        var (result, label, notice) = action switch
        {
            "send" => (await secretariat.SendDraftNow(meetingId, ct), "Sendte utkast til referat", "utkast"),
            "approve" => (await secretariat.Approve(meetingId, ct), "Godkjente referatet", "godkjent"),
            "recirculate" => (await secretariat.Recirculate(meetingId, ct), "Sendte nytt utkast til referat", "nyttutkast"),
            _ => (new SecretariatMinutes.Result.NotNow("Ukjent handling", "Velg en av knappene."), "", ""),
        };
        if (result is SecretariatMinutes.Result.Done)
        {
            return await WorkspaceResults.Done(user, audit, label, id, "", WorkspacePaths.Minutes(meetingId), notice, ct);
        }

        var refused = (SecretariatMinutes.Result.NotNow)result;
        return await Load(meetingId, null, $"{refused.Title}. {refused.Detail}", meetings, minutes, agendas, ct) is { } model
            ? Pages.Render<MinutesPage>(new { Model = model }, StatusCodes.Status409Conflict)
            : MeetingScreen.NotFound(id);
    }

    /// <summary>Presentations and the like added after the meeting, to a case or to the secretariat's report; published with the minutes.</summary>
    private static async Task<IResult> AddFiles(string id, IFormCollection form, ClaimsPrincipal user, MinutesFiles files, AuditTrail audit, MeetingStore meetings, MinutesStore minutes, AgendaService agendas, CancellationToken ct)
    {
        if (!MeetingId.TryParse(id, out var meetingId))
        {
            return MeetingScreen.NotFound(id);
        }

        var incoming = form.Files.GetFiles(Cases.CaseSubmissionInput.Fields.Attachments).Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName))
            .Select(f => new Cases.IncomingFile(f.FileName, f.Length, f.OpenReadStream)).ToList();
        var caseId = form["case"].ToString();
        var error = incoming.Count == 0 ? "Velg minst én fil." : null;
        if (error is null)
        {
            switch (await files.Add(meetingId, caseId, incoming, ct))
            {
                case MinutesFiles.Result.Added added:
                    return await WorkspaceResults.Done(user, audit, "La til filer i referatet", id, string.Join(", ", added.Files.Select(f => f.FileName)), WorkspacePaths.Minutes(meetingId), "filer", ct);
                case MinutesFiles.Result.Approved approved:
                    error = approved.Message;
                    break;
                case MinutesFiles.Result.Invalid invalid:
                    error = string.Join(" ", invalid.Errors.Messages);
                    break;
                default:
                    return MeetingScreen.NotFound(id);
            }
        }

        return await Load(meetingId, null, error, meetings, minutes, agendas, ct) is { } model
            ? Pages.Render<MinutesPage>(new { Model = model }, StatusCodes.Status400BadRequest)
            : MeetingScreen.NotFound(id);
    }

    private static async Task<IResult> Preview(string id, MeetingStore meetings, DraftCirculation circulation, CancellationToken ct)
    {
        if (!MeetingId.TryParse(id, out var meetingId))
        {
            return MeetingScreen.NotFound(id);
        }

        return await meetings.FindMeetingWithBody(id, ct) is var (meeting, body) && await circulation.Preview(meeting, body, ct) is { } pdf
            ? Results.File(pdf, "application/pdf", $"utkast-til-referat-{id}.pdf")
            : Pages.Message("Ingen utkast ennå", "Ingen utkast ennå", "Registrer møtet (oppmøte og vedtak) først; da kan utkastet til referat vises.", StatusCodes.Status404NotFound, linkUrl: WorkspacePaths.Meeting(meetingId), linkText: "Til møtet");
    }
}
