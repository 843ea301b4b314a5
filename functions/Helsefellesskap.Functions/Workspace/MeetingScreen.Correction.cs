using System.Security.Claims;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Publication;
using Helsefellesskap.Functions.Web;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Møtet after approval: the same form records a correction ("Rettelse", ADR 0020) with its reason, by the person signed in.</summary>
public static partial class MeetingScreen
{
    private static async Task<IResult> Correct(string id, IFormCollection form, ClaimsPrincipal user, MeetingData data, MinutesCorrections corrections, AuditTrail audit, CancellationToken ct)
    {
        if (!MeetingId.TryParse(id, out var meetingId) || await data.Load(meetingId, null, new ValidationErrors(), null, ct) is not { } model)
        {
            return NotFound(id);
        }

        var input = OutcomeForm.Read(form.ToDictionary(f => f.Key, f => f.Value), model.Agenda, model.Roster);
        var reason = form["reason"].ToString();
        var corrected = await corrections.Correct(meetingId, input, reason, WorkspaceUser.Name(user), ct);
        if (corrected is null)
        {
            return NotFound(id);
        }

        if (corrected.Result is Minutes.OutcomeRecording.Result.Recorded recorded)
        {
            return await WorkspaceResults.Done(user, audit, "Rettet referatet", id, $"{reason.Trim()} ({Detail(recorded.Outcome)})", WorkspacePaths.Meeting(meetingId), "rettet", ct);
        }

        var errors = FormErrors(corrected.Result, input, model);
        return Pages.Render<MeetingPage>(new { Model = (await data.Load(meetingId, input, errors, null, ct, reason))! }, StatusCodes.Status400BadRequest);
    }
}
