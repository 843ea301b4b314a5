using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Publication;

/// <summary>
/// A correction ("Rettelse") of approved minutes, from the API or the workspace: recorded under the outcome's rules as a
/// new version (who, when, why), then republished at the same address and told to those who had the minutes (ADR 0020).
/// </summary>
public sealed class MinutesCorrections(OutcomeRecording recording, MeetingStore meetings, Publisher publisher, EmailOutbox outbox)
{
    /// <param name="Correction">The republication, when the minutes had been published.</param>
    public sealed record Corrected(OutcomeRecording.Result Result, PublishedCorrection? Correction);

    /// <summary>Null when the meeting does not exist.</summary>
    public async Task<Corrected?> Correct(MeetingId meetingId, OutcomeRecording.OutcomeInput input, string? reason, string by, CancellationToken ct)
    {
        if (await meetings.FindMeetingWithBody(meetingId, ct) is not { } found)
        {
            return null;
        }

        var result = await recording.Correct(meetingId, input, reason, by, ct);
        if (result is not OutcomeRecording.Result.Recorded)
        {
            return new Corrected(result, null);
        }

        var republished = await publisher.Republish(found.Meeting, found.Body, ct);
        foreach (var message in republished?.Messages ?? [])
        {
            await outbox.TrySend(message, ct);
        }

        return new Corrected(result, republished?.Correction);
    }
}
