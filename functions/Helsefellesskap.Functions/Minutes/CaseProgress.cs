using Helsefellesskap.Functions.Cases;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>What the submitter's status page adds once a case is on a frozen agenda: its number, and once the minutes are approved, the outcome as the public minutes word it.</summary>
public sealed record CaseProgressView(string? Number, string? Heading, string? Text, string? Result, string? MinutesUrl);

/// <summary>A case's number and outcome at its meeting, for the submitter's status page.</summary>
public sealed class CaseProgress(Agenda.AgendaService agendas, MinutesStore minutes, MinutesDocument document)
{
    public async Task<CaseProgressView?> Of(CaseRecord c, CancellationToken ct)
    {
        if (c.Meeting is not { } meetingId || await agendas.Agenda(meetingId, ct) is not { State.Frozen: true } agenda
            || agenda.Items.FirstOrDefault(i => i.CaseId == c.Id) is not { } item)
        {
            return null;
        }

        var state = await minutes.Get(meetingId, ct);
        if (state.ApprovedAt is null || await document.Build(meetingId, draft: false, forPublic: true, ct) is not { } model)
        {
            return new CaseProgressView(item.Label, null, null, null, null);
        }

        var minuted = model.Items.First(i => i.Number == item.Label);
        return new CaseProgressView(item.Label, minuted.Heading, minuted.Text, minuted.Result, state.PublishedUrl);
    }
}
