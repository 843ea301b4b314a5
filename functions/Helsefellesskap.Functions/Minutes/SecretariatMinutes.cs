using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// What the secretariat does to the minutes outside the cycle's own clock: send the draft now, approve
/// (after change requests), or send a corrected draft on a new circulation. Each moves the cycle on.
/// </summary>
public sealed class SecretariatMinutes(DraftCirculation circulation, MeetingStore meetings, IMeetingCycle cycles, EmailOutbox outbox, TimeProvider clock)
{
    public abstract record Result
    {
        public sealed record Done(MinutesState State) : Result;

        /// <summary>Not possible in the minutes' present state; the title and detail say why, in Norwegian.</summary>
        public sealed record NotNow(string Title, string Detail) : Result;
    }

    /// <summary>The draft goes now instead of on the first working day after the meeting.</summary>
    public async Task<Result> SendDraftNow(MeetingId meetingId, CancellationToken ct)
    {
        var state = await circulation.State(meetingId, ct);
        if (state.Outcome is null || state.DraftSentAt is not null)
        {
            return new Result.NotNow("Utkastet kan ikke sendes nå",
                state.Outcome is null ? "Registrer møteutfallet først (PUT /api/meetings/{id}/outcome)." : "Utkastet er allerede sendt; bruk «recirculate» for en ny versjon.");
        }

        await cycles.DraftNow(meetingId, ct);
        return new Result.Done(await circulation.State(meetingId, ct));
    }

    public async Task<Result> Approve(MeetingId meetingId, CancellationToken ct)
    {
        var state = await circulation.State(meetingId, ct);
        if (state.DraftSentAt is null)
        {
            return new Result.NotNow("Det finnes ikke noe utkast", "Utkast til referat er ikke sendt ennå.");
        }

        await circulation.Approve(meetingId, MinutesState.BySecretariat, ct);
        await cycles.ApprovalAt(meetingId, clock.GetUtcNow(), ct);
        return new Result.Done(await circulation.State(meetingId, ct));
    }

    /// <summary>A new version of the draft to those who attended, with a new window of working days.</summary>
    public async Task<Result> Recirculate(MeetingId meetingId, CancellationToken ct)
    {
        var meeting = await meetings.FindMeeting(meetingId, ct);
        var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
        var state = await circulation.State(meetingId, ct);
        if (meeting is null || body is null || state.DraftSentAt is null || state.ApprovedAt is not null)
        {
            return new Result.NotNow("Utkastet kan ikke sendes på nytt", "Bare et utkast som er sendt og ikke godkjent, kan sendes på ny sirkulasjon.");
        }

        var sent = await circulation.SendDraft(meeting, body, ct);
        foreach (var message in sent!.Value.Messages)
        {
            await outbox.TrySend(message, ct);
        }

        await cycles.ApprovalAt(meeting.Id, Oslo.StartOfDay(sent.Value.ApprovalDeadline.AddDays(1)), ct);
        return new Result.Done(await circulation.State(meetingId, ct));
    }
}
