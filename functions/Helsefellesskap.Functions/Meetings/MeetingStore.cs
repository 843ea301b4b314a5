using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>Bodies, their members and their meeting plans in Table storage.</summary>
/// <remarks>
/// Bodies: partition "body", row = body code. Members and meetings: partition = body code.
/// A meeting id starts with its body code ("ssu-2027-02-11"), so it can be read with one point query.
/// </remarks>
public sealed class MeetingStore(StorageClients storage)
{
    private const string BodyPartition = "body";

    public async Task<Body?> FindBody(string code, CancellationToken ct = default)
    {
        if (!IsBodyCode(code))
        {
            return null;
        }

        var table = await storage.Table(StorageNames.Bodies);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(BodyPartition, code, cancellationToken: ct);
        return entity.HasValue ? ToBody(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<Body>> Bodies(CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Bodies);
        var result = new List<Body>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == BodyPartition, cancellationToken: ct))
        {
            result.Add(ToBody(e));
        }

        return result;
    }

    public async Task<IReadOnlyList<Meeting>> Plan(string body, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Meetings);
        var result = new List<Meeting>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == body, cancellationToken: ct))
        {
            result.Add(ToMeeting(e));
        }

        return result.OrderBy(m => m.Date).ThenBy(m => m.Start).ToList();
    }

    public async Task<Meeting?> FindMeeting(string id, CancellationToken ct = default)
    {
        if (!MeetingId.TryParse(id, out var meetingId))
        {
            return null;
        }

        var table = await storage.Table(StorageNames.Meetings);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(meetingId.Body, meetingId.Value, cancellationToken: ct);
        return entity.HasValue ? ToMeeting(entity.Value!) : null;
    }

    public async Task<IReadOnlyList<Member>> Members(string body, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Members);
        var result = new List<Member>();
        await foreach (var e in table.QueryAsync<TableEntity>(e => e.PartitionKey == body, cancellationToken: ct))
        {
            result.Add(Json.Read<Member>(e.GetString("Data")));
        }

        return result;
    }

    /// <summary>Adds a body unless one with its code exists; an existing body is left as the secretariat keeps it.</summary>
    public async Task<bool> AddBody(Body body, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Bodies);
        var entity = new TableEntity(BodyPartition, body.Code)
        {
            ["Name"] = body.Name,
            ["ShortName"] = body.ShortName,
            ["CommunityName"] = body.CommunityName,
            ["Rules"] = Json.Write(body.Rules),
        };
        return await AddIfAbsent(table, entity, ct);
    }

    public async Task<bool> AddMember(Member member, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Members);
        return await AddIfAbsent(table, new TableEntity(member.Body, member.Id) { ["Data"] = Json.Write(member) }, ct);
    }

    public async Task<bool> AddMeeting(Meeting meeting, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Meetings);
        return await AddIfAbsent(table, ToEntity(meeting), ct);
    }

    /// <summary>Saves a moved or cancelled meeting under its unchanged id.</summary>
    public async Task Update(Meeting meeting, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Meetings);
        await table.UpsertEntityAsync(ToEntity(meeting), TableUpdateMode.Replace, ct);
    }

    public static bool IsBodyCode(string code) =>
        code.Length is > 0 and <= 32 && code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));

    private static async Task<bool> AddIfAbsent(TableClient table, TableEntity entity, CancellationToken ct)
    {
        try
        {
            await table.AddEntityAsync(entity, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.IsConflict())
        {
            return false;
        }
    }

    private static Body ToBody(TableEntity e) => new(
        e.RowKey,
        e.GetString("Name"),
        e.GetString("ShortName"),
        e.GetString("CommunityName"),
        Json.Read<BodyRules>(e.GetString("Rules")));

    private static TableEntity ToEntity(Meeting m) => new(m.Body, m.Id)
    {
        ["Date"] = m.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Start"] = m.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["End"] = m.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["Location"] = m.Location,
        ["VideoLink"] = m.VideoLink,
        ["Kind"] = m.Kind.ToString(),
        ["Status"] = m.Status.ToString(),
    };

    private static Meeting ToMeeting(TableEntity e) => new(
        MeetingId.Parse(e.RowKey),
        e.PartitionKey,
        DateOnly.ParseExact(e.GetString("Date"), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(e.GetString("Start"), "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        TimeOnly.ParseExact(e.GetString("End"), "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        e.GetString("Location"),
        e.GetString("VideoLink"),
        Enum.Parse<MeetingKind>(e.GetString("Kind")),
        Enum.Parse<MeetingStatus>(e.GetString("Status")));
}
