using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Compliance;

/// <summary>How many rows are in each state.</summary>
public sealed record ComplianceSummary(int Met, int Missed, int NotApplicable, int Pending, int Unknown)
{
    public static ComplianceSummary Of(IEnumerable<ComplianceRow> rows)
    {
        var list = rows.ToList();
        int Count(ComplianceState state) => list.Count(r => r.State == state);
        return new(Count(ComplianceState.Met), Count(ComplianceState.Missed), Count(ComplianceState.NotApplicable), Count(ComplianceState.Pending), Count(ComplianceState.Unknown));
    }
}

/// <summary>The compliance timeline of a meeting, and a body's year of them, read from what the app recorded.</summary>
public sealed class ComplianceTimeline(AgendaService agendas, MeetingStore meetings, CycleStore cycles, Absences absences, MinutesStore minutes, OutboxLog outbox, TimeProvider clock)
{
    public sealed record MeetingView(MeetingId MeetingId, string Body, string BodyName, DateOnly Date, MeetingKind Kind, MeetingStatus Status, DateTimeOffset ComputedAt,
        ComplianceSummary Summary, IReadOnlyList<ComplianceRow> Rows);

    /// <summary>One meeting of the year: its counts, and the rows missed.</summary>
    public sealed record MeetingLine(MeetingId MeetingId, DateOnly Date, MeetingKind Kind, MeetingStatus Status, ComplianceSummary Summary, IReadOnlyList<ComplianceRow> Missed);

    public sealed record YearView(string Body, string BodyName, int Year, DateTimeOffset ComputedAt, ComplianceSummary Summary, IReadOnlyList<MeetingLine> Meetings);

    /// <summary>Null when the meeting or its body does not exist.</summary>
    public async Task<MeetingView?> For(MeetingId meetingId, CancellationToken ct = default) =>
        await Facts(meetingId, ct) is { } facts ? View(facts) : null;

    public MeetingView View(MeetingFacts facts)
    {
        var now = clock.GetUtcNow();
        var rows = ComplianceRules.Rows(facts, now);
        var m = facts.Meeting;
        return new MeetingView(m.Id, facts.Body.Code, facts.Body.Name, m.Date, m.Kind, m.Status, now, ComplianceSummary.Of(rows), rows);
    }

    /// <summary>Every meeting of a body in a year, earliest first; null when the body does not exist.</summary>
    public async Task<YearView?> Year(string bodyCode, int year, CancellationToken ct = default)
    {
        var body = await meetings.FindBody(bodyCode, ct);
        if (body is null)
        {
            return null;
        }

        var lines = new List<MeetingLine>();
        var all = new List<ComplianceRow>();
        foreach (var meeting in (await meetings.Plan(body.Code, ct)).Where(m => m.Date.Year == year))
        {
            if (await For(meeting.Id, ct) is { } view)
            {
                lines.Add(new MeetingLine(view.MeetingId, view.Date, view.Kind, view.Status, view.Summary, view.Rows.Where(r => r.State == ComplianceState.Missed).ToList()));
                all.AddRange(view.Rows);
            }
        }

        return new YearView(body.Code, body.Name, year, clock.GetUtcNow(), ComplianceSummary.Of(all), lines);
    }

    /// <summary>The facts of one meeting: its agenda and cases, roster, cycle, absences, minutes, and the emails that count.</summary>
    public async Task<MeetingFacts?> Facts(MeetingId meetingId, CancellationToken ct = default)
    {
        var agenda = await agendas.Agenda(meetingId, ct);
        if (agenda is null)
        {
            return null;
        }

        var id = agenda.Meeting.Id;
        var roster = meetings.Roster(agenda.Meeting, ct);
        var steps = cycles.StepsOf(agenda.Meeting.Id, ct);
        var summonses = Sendings(MessageIds.Summons(id, ""), ct);
        var standIns = Sendings(MessageIds.DeputySummons(id, ""), ct);
        var drafts = outbox.WithPrefix(MessageIds.MinutesDraft(1, id, ""), ct);
        var absent = absences.For(id, ct);
        var state = minutes.Get(id, ct);
        await Task.WhenAll(roster, steps, summonses, standIns, drafts, absent, state);

        var cases = agenda.Items.Where(i => i.CaseId is not null).Select(i => (Item: i, Case: agenda.Cases.First(c => c.Id == i.CaseId)))
            .Select(x => new CaseFact(x.Case.Id, x.Item.Label, x.Case.PublicTitle, x.Case.ReceivedAt, x.Case.Urgent))
            .ToList();
        var absenceFacts = absent.Result.OrderBy(a => a.ReportedAt)
            .Select(a => new AbsenceFact(a, a.StandInId is { } s ? standIns.Result.GetValueOrDefault(s) : null))
            .ToList();
        var firstDraft = drafts.Result.Where(d => d.SentAt is not null).Select(d => d.SentAt).Max();
        return new MeetingFacts(agenda.Meeting, agenda.Body, roster.Result, cases, agenda.State, steps.Result.FirstOrDefault(s => s.Step == CycleStep.Summons),
            summonses.Result, absenceFacts, state.Result, firstDraft);
    }

    /// <summary>The emails of one kind for one meeting, by the person they went to (the last part of their id).</summary>
    private async Task<IReadOnlyDictionary<string, Sending>> Sendings(string prefix, CancellationToken ct) =>
        (await outbox.WithPrefix(prefix, ct)).ToDictionary(e => e.MessageId[prefix.Length..], e => Sending.Of(e)!);
}
