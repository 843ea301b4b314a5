using Azure;
using Azure.Data.Tables;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>Bodies, their members and their meeting plans in Table storage.</summary>
/// <remarks>
/// Bodies: partition "body", row = body code. Members and meetings: partition = body code.
/// A meeting id starts with its body code ("ssu-2027-02-11"), so it can be read with one point query.
/// </remarks>
public sealed partial class MeetingStore(StorageClients storage)
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
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {BodyPartition}"), cancellationToken: ct))
        {
            result.Add(ToBody(e));
        }

        return result;
    }

    public async Task<IReadOnlyList<Meeting>> Plan(string body, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Meetings);
        var result = new List<Meeting>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {body}"), cancellationToken: ct))
        {
            result.Add(ToMeeting(e));
        }

        return result.OrderBy(m => m.Date).ThenBy(m => m.Start).ToList();
    }

    /// <summary>The meeting with an id as it came in (a route, a link): null when there is none, or the id is not one.</summary>
    public async Task<Meeting?> FindMeeting(string id, CancellationToken ct = default) =>
        MeetingId.TryParse(id, out var meetingId) ? await FindMeeting(meetingId, ct) : null;

    public async Task<Meeting?> FindMeeting(MeetingId id, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Meetings);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(id.Body, id.Value, cancellationToken: ct);
        return entity.HasValue ? ToMeeting(entity.Value!) : null;
    }

    /// <summary>A meeting with its body, or null when either is missing.</summary>
    public async Task<(Meeting Meeting, Body Body)?> FindMeetingWithBody(MeetingId id, CancellationToken ct = default) =>
        await FindMeeting(id, ct) is { } meeting && await FindBody(meeting.Body, ct) is { } body ? (meeting, body) : null;

    /// <inheritdoc cref="FindMeetingWithBody(MeetingId, CancellationToken)"/>
    public async Task<(Meeting Meeting, Body Body)?> FindMeetingWithBody(string id, CancellationToken ct = default) =>
        MeetingId.TryParse(id, out var meetingId) ? await FindMeetingWithBody(meetingId, ct) : null;

    public async Task<IReadOnlyList<Member>> Members(string body, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Members);
        var result = new List<Member>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {body}"), cancellationToken: ct))
        {
            result.Add(Json.Read<Member>(e.GetString("Data")));
        }

        return result;
    }

    /// <summary>The roster in force on a meeting's date (terms from–to).</summary>
    public async Task<IReadOnlyList<Member>> Roster(string body, DateOnly date, CancellationToken ct = default) =>
        Meetings.Roster.On(await Members(body, ct), date);

    public async Task<Member?> FindMember(string body, string id, CancellationToken ct = default)
    {
        if (!IsBodyCode(body) || !TableKeys.IsValid(id))
        {
            return null;
        }

        var table = await storage.Table(StorageNames.Members);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(body, id, cancellationToken: ct);
        return entity.HasValue ? Json.Read<Member>(entity.Value!.GetString("Data")) : null;
    }

    /// <summary>Adds a body unless one with its code exists; an existing body is left as the secretariat keeps it.</summary>
    public async Task<bool> AddBody(Body body, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Bodies);
        return await AddIfAbsent(table, ToEntity(body), ct);
    }

    /// <summary>Saves a changed body (name, rules, mandate) under its code.</summary>
    public async Task UpdateBody(Body body, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Bodies);
        await table.UpsertEntityAsync(ToEntity(body), TableUpdateMode.Replace, ct);
    }

    public async Task<bool> AddMember(Member member, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Members);
        return await AddIfAbsent(table, new TableEntity(member.Body, member.Id) { ["Data"] = Json.Write(member) }, ct);
    }

    /// <summary>Saves a changed member (contact, term, deputy) under their id.</summary>
    public async Task UpdateMember(Member member, CancellationToken ct = default)
    {
        var table = await storage.Table(StorageNames.Members);
        await table.UpsertEntityAsync(new TableEntity(member.Body, member.Id) { ["Data"] = Json.Write(member) }, TableUpdateMode.Replace, ct);
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

    /// <summary>
    /// A body row: the first four columns are as the first release wrote them; the rest came with bodies
    /// as data, and a row without them reads as a strategic committee that takes cases.
    /// </summary>
    private static TableEntity ToEntity(Body body) => new(BodyPartition, body.Code)
    {
        ["Name"] = body.Name,
        ["ShortName"] = body.ShortName,
        ["CommunityName"] = body.CommunityName,
        ["Rules"] = Json.Write(body.Rules),
        ["Kind"] = body.Kind.ToString(),
        ["Parent"] = body.Parent,
        ["TakesCases"] = body.TakesCases,
        ["Mandate"] = body.Mandate,
        ["ReportEveryMonths"] = body.ReportEveryMonths,
        ["EstablishedBy"] = body.EstablishedBy,
        ["Established"] = body.Established?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Body ToBody(TableEntity e) => new(
        e.RowKey,
        e.GetString("Name"),
        e.GetString("ShortName"),
        e.GetString("CommunityName"),
        Json.Read<BodyRules>(e.GetString("Rules")))
    {
        Kind = e.GetString("Kind") is { } kind ? Enum.Parse<BodyKind>(kind) : BodyKind.Strategic,
        Parent = e.GetString("Parent"),
        TakesCases = e.GetBoolean("TakesCases") ?? true,
        Mandate = e.GetString("Mandate"),
        ReportEveryMonths = e.GetInt32("ReportEveryMonths"),
        EstablishedBy = e.GetString("EstablishedBy"),
        Established = e.GetString("Established") is { } established ? DateOnly.ParseExact(established, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
    };

    private static TableEntity ToEntity(Meeting m) => new(m.Body, m.Id.Value)
    {
        ["Date"] = m.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Start"] = m.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["End"] = m.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        ["Location"] = m.Location,
        ["VideoLink"] = m.VideoLink,
        ["Kind"] = m.Kind.ToString(),
        ["Status"] = m.Status.ToString(),
        ["AddedAt"] = m.AddedAt,
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
        Enum.Parse<MeetingStatus>(e.GetString("Status")))
    {
        AddedAt = e.GetDateTimeOffset("AddedAt"),
    };
}
