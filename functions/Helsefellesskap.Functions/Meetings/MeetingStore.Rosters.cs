using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// A meeting's roster is a dated fact: who serves on its date until the summons goes, then the roster it was summoned
/// with, kept for good. A member added later with a start date in the past does not join a meeting already summoned.
/// </summary>
public sealed partial class MeetingStore
{
    private const string RosterPartition = "roster";

    /// <summary>The roster of a meeting: as summoned once the summons has gone, else who serves on its date.</summary>
    public async Task<IReadOnlyList<Member>> Roster(Meeting meeting, CancellationToken ct = default) =>
        await KeptRoster(meeting.Id, ct) ?? await Roster(meeting.Body, meeting.Date, ct);

    /// <summary>The roster kept at the summons, or null when none was (before the summons, or a meeting summoned before rosters were kept).</summary>
    public async Task<IReadOnlyList<Member>?> KeptRoster(MeetingId meetingId, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Rosters);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(RosterPartition, meetingId.Value, cancellationToken: ct);
        return found.HasValue ? Json.Read<List<Member>>(found.Value!.GetString("Data")) : null;
    }

    /// <summary>At the summons: keeps who serves on the meeting's date (once; a summons run again gets the roster kept the first time).</summary>
    public async Task<IReadOnlyList<Member>> KeepRoster(Meeting meeting, CancellationToken ct = default)
    {
        if (await KeptRoster(meeting.Id, ct) is { } kept)
        {
            return kept;
        }

        var roster = await Roster(meeting.Body, meeting.Date, ct);
        var table = await storage.Table(StorageNames.Rosters);
        try
        {
            await table.AddEntityAsync(new TableEntity(RosterPartition, meeting.Id.Value) { ["Data"] = Json.Write(roster) }, ct);
            return roster;
        }
        catch (Azure.RequestFailedException e) when (e.IsConflict())
        {
            return (await KeptRoster(meeting.Id, ct))!;
        }
    }
}
