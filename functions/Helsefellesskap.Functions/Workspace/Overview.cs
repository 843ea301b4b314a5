using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Where a step of a meeting's cycle stands, as the timeline shows it.</summary>
public enum TimelineState
{
    Planned,
    Done,
    Late,
    Failed,
    Skipped,
}

public sealed record TimelineStep(string Label, DateTimeOffset PlannedAt, DateTimeOffset? DoneAt, TimelineState State, string? Outcome);

public sealed record MeetingSummary(Body Body, Meeting Meeting, IReadOnlyList<TimelineStep> Steps, IReadOnlyList<string> Warnings, bool AgendaFrozen, bool Published);

/// <summary>Something the secretariat should do, with where to do it.</summary>
public sealed record Todo(string Text, string Url);

public sealed record OverviewModel(IReadOnlyList<MeetingSummary> Meetings, IReadOnlyList<Todo> Todos);

/// <summary>The workspace's first screen: every current meeting's cycle, and what needs the secretariat today.</summary>
public sealed class Overview(MeetingStore meetings, CaseStore cases, CycleStatus cycles, MinutesStore minutes, AgendaService agendas, EmailOutbox outbox, TimeProvider clock)
{
    /// <summary>Meetings this many days ahead are all shown (and at least the next two of each body).</summary>
    public const int UpcomingDays = 60;

    /// <summary>Per body: the meetings not yet published from the last 30 days, every meeting of the next 60 days and at least the next two; all by date.</summary>
    public async Task<OverviewModel> Build(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = Oslo.DateOf(now);
        var summaries = new List<MeetingSummary>();
        var todos = new List<Todo>();
        foreach (var body in await meetings.Bodies(ct))
        {
            var plan = (await meetings.Plan(body.Code, ct)).Where(m => m.Status == MeetingStatus.Planned).OrderBy(m => m.Date).ToList();
            var recent = plan.Where(m => m.Date < today && m.Date >= today.AddDays(-30)).ToList();
            var ahead = plan.Where(m => m.Date >= today).Select((m, i) => (m, i)).Where(x => x.i < 2 || x.m.Date <= today.AddDays(UpcomingDays)).Select(x => x.m).ToList();
            foreach (var meeting in recent.Concat(ahead))
            {
                var summary = await Summarise(body, meeting, ct);
                if (summary.Published && meeting.Date < today)
                {
                    continue;
                }

                summaries.Add(summary);
                todos.AddRange(await TodosFor(summary, now, ct));
            }

            var received = await cases.List(body.Code, CaseStatus.Received, ct);
            if (received.Count > 0)
            {
                todos.Insert(0, new Todo($"{body.ShortName}: {Norwegian.Count(received.Count, "ny sak", "nye saker")} å vurdere", WorkspacePaths.Cases(body.Code, CaseStatus.Received)));
            }
        }

        var failed = await outbox.FailedCount(ct);
        if (failed > 0)
        {
            todos.Add(new Todo($"{Norwegian.Count(failed, "e-post", "e-poster")} kunne ikke sendes", WorkspacePaths.Outbox));
        }

        return new OverviewModel(summaries.OrderBy(m => m.Meeting.Date).ThenBy(m => m.Meeting.Start).ThenBy(m => m.Body.ShortName).ToList(), todos);
    }

    private async Task<MeetingSummary> Summarise(Body body, Meeting meeting, CancellationToken ct)
    {
        var cycle = await cycles.For(meeting.Id, ct);
        var now = clock.GetUtcNow();
        var steps = cycle?.Steps.Select(s => new TimelineStep(s.Label, s.PlannedAt, s.DoneAt, StateOf(s, now), s.Outcome)).ToList() ?? [];
        var state = await minutes.Get(meeting.Id, ct);
        return new MeetingSummary(body, meeting, steps, cycle?.Warnings ?? [], cycle?.AgendaFrozen ?? (await agendas.State(meeting.Id, ct)).Frozen, state.PublishedAt is not null);
    }

    public static TimelineState StateOf(CycleStatus.StepView step, DateTimeOffset now) => step switch
    {
        { Status: StepStatus.Skipped } => TimelineState.Skipped,
        { Status: StepStatus.Done, Late: true } => TimelineState.Late,
        { Status: StepStatus.Done } => TimelineState.Done,
        { Failures: > 0 } => TimelineState.Failed,
        _ when step.PlannedAt.AddMinutes(15) < now => TimelineState.Late,
        _ => TimelineState.Planned,
    };

    private async Task<IReadOnlyList<Todo>> TodosFor(MeetingSummary summary, DateTimeOffset now, CancellationToken ct)
    {
        var (body, meeting) = (summary.Body, summary.Meeting);
        var name = $"{body.ShortName} {Norwegian.ShortDate(meeting.Date)}";
        var id = meeting.Id;
        var todos = new List<Todo>();
        var today = Oslo.DateOf(now);
        if (!summary.AgendaFrozen && today >= meeting.Date.AddDays(-body.Rules.AgendaFreezeDays - 3) && today <= meeting.Date)
        {
            todos.Add(new Todo($"{name}: fastsett sakslisten (frist {Norwegian.ShortDate(meeting.Date.AddDays(-body.Rules.AgendaFreezeDays))})", WorkspacePaths.Agenda(id)));
        }

        var state = await minutes.Get(id, ct);
        if (state.Outcome is null && now >= Oslo.At(meeting.Date, meeting.Start) && summary.AgendaFrozen)
        {
            todos.Add(new Todo($"{name}: registrer møtet (oppmøte og vedtak)", WorkspacePaths.Meeting(id)));
        }

        if (state.OpenRequests.Count > 0)
        {
            todos.Add(new Todo($"{name}: {Norwegian.Count(state.OpenRequests.Count, "endringsønske", "endringsønsker")} til referatet", WorkspacePaths.Minutes(id)));
        }

        todos.AddRange(summary.Warnings.Select(w => new Todo($"{name}: {w}", WorkspacePaths.Meeting(id))));
        return todos;
    }
}

/// <summary>The addresses of the workspace's screens, in one place.</summary>
public static class WorkspacePaths
{
    public const string Outbox = WorkspaceAuth.Root + "/utsendelser";
    public const string Audit = WorkspaceAuth.Root + "/logg";

    public static string Cases(string? body = null, CaseStatus? status = null)
    {
        var query = new List<string>();
        if (body is not null)
        {
            query.Add($"utvalg={Uri.EscapeDataString(body)}");
        }

        if (status is not null)
        {
            query.Add($"status={status}");
        }

        return WorkspaceAuth.Root + "/saker" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    public static string Case(string id) => $"{WorkspaceAuth.Root}/saker/{Uri.EscapeDataString(id)}";

    public static string Agenda(MeetingId meetingId) => $"{WorkspaceAuth.Root}/moter/{Uri.EscapeDataString(meetingId.Value)}/saksliste";

    public static string Meeting(MeetingId meetingId) => $"{WorkspaceAuth.Root}/moter/{Uri.EscapeDataString(meetingId.Value)}";

    public static string MeetingCorrection(MeetingId meetingId) => $"{Meeting(meetingId)}/rettelse";

    public static string Minutes(MeetingId meetingId) => $"{WorkspaceAuth.Root}/moter/{Uri.EscapeDataString(meetingId.Value)}/referat";

    public static string Compliance(MeetingId meetingId) => $"{WorkspaceAuth.Root}/moter/{Uri.EscapeDataString(meetingId.Value)}/etterlevelse";

    public static string ComplianceYear(string body, int year) => $"{WorkspaceAuth.Root}/utvalg/{Uri.EscapeDataString(body)}/etterlevelse/{year}";
}
