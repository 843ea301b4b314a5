using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>What the secretariat has settled about a meeting's agenda: the order of its cases and whether it is frozen.</summary>
/// <param name="NumberYear">The year whose series the frozen agenda's numbers are from (rows from before it was kept: the meeting's year).</param>
public sealed record AgendaState(string MeetingId, bool Frozen, DateTimeOffset? FrozenAt, string? FrozenBy, IReadOnlyList<string> Order, int? FirstNumber, int? NumberYear = null)
{
    public static AgendaState Open(MeetingId meetingId) => new(meetingId.Value, false, null, null, [], null);
}

/// <summary>A meeting's agenda as it stands: standing items and cases in order, numbered.</summary>
public sealed record MeetingAgenda(Body Body, Meeting Meeting, AgendaState State, IReadOnlyList<AgendaItem> Items, IReadOnlyList<CaseRecord> Cases);

/// <summary>
/// The agenda of a meeting: which cases, in which order, with which numbers. Until it is frozen the
/// numbers are provisional; freezing fixes order and numbers and puts the cases on the agenda.
/// </summary>
public sealed class AgendaService(MeetingStore meetings, CaseStore cases, CaseNumberStore numbers, CaseNotices notices, StorageClients storage, TimeProvider clock)
{
    private const string Table = StorageNames.Agendas;

    public async Task<MeetingAgenda?> Agenda(MeetingId meetingId, CancellationToken ct = default)
    {
        var meeting = await meetings.FindMeeting(meetingId, ct);
        var body = meeting is null ? null : await meetings.FindBody(meeting.Body, ct);
        if (meeting is null || body is null)
        {
            return null;
        }

        var state = await State(meetingId, ct);
        var position = state.Order.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        // A frozen agenda is what was summoned: exactly its cases, even those since returned or moved on.
        // Either way only this meeting's cases are read, whatever the body's history.
        IReadOnlyList<CaseRecord> onAgenda;
        if (state.Frozen)
        {
            var byId = (await cases.Find(state.Order, ct)).ToDictionary(c => c.Id);
            onAgenda = state.Order.Where(byId.ContainsKey).Select(id => byId[id]).ToList();
        }
        else
        {
            onAgenda = (await cases.OnMeeting(body.Code, meeting.Id, ct)).Where(c => AgendaRules.IsOnAgenda(c, meeting.Id))
                .OrderBy(c => position.TryGetValue(c.Id, out var p) ? p : int.MaxValue)
                .ThenBy(c => c.ReceivedAt)
                .ToList();
        }

        var year = state.NumberYear ?? meeting.Date.Year;
        var first = state.FirstNumber ?? await ProvisionalNumber(meeting, body, ct);
        return new MeetingAgenda(body, meeting, state, AgendaRules.Compose(onAgenda, first, year), onAgenda);
    }

    /// <summary>
    /// Until it is frozen an agenda's numbers are a preview: after every number given this year, and after
    /// the agendas of the year's earlier meetings that are still ahead and not frozen (a meeting past that
    /// was never run with the app takes none).
    /// </summary>
    private async Task<int> ProvisionalNumber(Meeting meeting, Body body, CancellationToken ct)
    {
        var year = meeting.Date.Year;
        var (given, _) = await numbers.Read(body.Code, year, ct);
        var today = Common.Oslo.DateOf(clock.GetUtcNow());
        var sizes = new List<int>();
        foreach (var earlier in (await meetings.Plan(body.Code, ct)).Where(m => m.Date.Year == year && m.Status == MeetingStatus.Planned && m.Date >= today
                     && (m.Date, m.Start).CompareTo((meeting.Date, meeting.Start)) < 0 && given.All(a => a.MeetingId != m.Id.Value)))
        {
            sizes.Add(AgendaRules.Size((await cases.OnMeeting(body.Code, earlier.Id, ct)).Count(c => AgendaRules.IsOnAgenda(c, earlier.Id))));
        }

        return CaseNumbering.Provisional(given, sizes);
    }

    public async Task<AgendaState> State(MeetingId meetingId, CancellationToken ct = default)
    {
        var table = await storage.Table(Table);
        var found = await table.GetEntityIfExistsAsync<TableEntity>("agenda", meetingId.Value, cancellationToken: ct);
        if (!found.HasValue)
        {
            return AgendaState.Open(meetingId);
        }

        var e = found.Value!;
        return new AgendaState(meetingId.Value, e.GetBoolean("Frozen") ?? false, e.GetDateTimeOffset("FrozenAt"), e.GetString("FrozenBy"),
            Json.Read<List<string>>(e.GetString("Order") ?? "[]"), e.GetInt32("FirstNumber"), e.GetInt32("NumberYear"));
    }

    public async Task Save(AgendaState state, CancellationToken ct = default)
    {
        var table = await storage.Table(Table);
        await table.UpsertEntityAsync(new TableEntity("agenda", state.MeetingId)
        {
            ["Frozen"] = state.Frozen,
            ["FrozenAt"] = state.FrozenAt,
            ["FrozenBy"] = state.FrozenBy,
            ["Order"] = Json.Write(state.Order),
            ["FirstNumber"] = state.FirstNumber,
            ["NumberYear"] = state.NumberYear,
        }, TableUpdateMode.Replace, ct);
    }

    /// <summary>Freezes the agenda as it stands: order and numbers fixed, its cases on the agenda. Idempotent.</summary>
    public async Task<MeetingAgenda?> Freeze(MeetingId meetingId, string by, CancellationToken ct = default)
    {
        var agenda = await Agenda(meetingId, ct);
        if (agenda is null || agenda.State.Frozen)
        {
            return agenda;
        }

        foreach (var c in agenda.Cases.Where(c => c.Status is CaseStatus.Received or CaseStatus.Accepted))
        {
            await cases.Update(c with { Status = CaseStatus.OnAgenda }, ct);
        }

        // The numbers are given before the agenda is saved frozen: a freeze that dies between the two gets
        // the same numbers when repeated, and a number once given is never given to another meeting.
        var year = agenda.Meeting.Date.Year;
        var first = await numbers.Allocate(agenda.Body.Code, year, meetingId, AgendaRules.Size(agenda.Cases.Count), ct);

        // Each submitter hears the case's number and meeting (recorded before the agenda is saved frozen: a
        // freeze repeated after a crash records the same notices, which are sent once).
        foreach (var item in AgendaRules.Compose(agenda.Cases, first, year).Where(i => i.CaseId is not null))
        {
            await notices.Placed(agenda.Cases.First(c => c.Id == item.CaseId), item.Label, agenda.Body, agenda.Meeting, ct);
        }

        await Save(new AgendaState(meetingId.Value, true, clock.GetUtcNow(), by, agenda.Cases.Select(c => c.Id).ToList(), first, year), ct);
        return await Agenda(meetingId, ct);
    }
}
