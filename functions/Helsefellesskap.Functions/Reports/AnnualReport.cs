using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Reports;

/// <summary>What the secretariat writes itself in the annual report (Markdown), section by section; empty sections are left out.</summary>
public sealed record AnnualTexts(string? Introduction = null, string? Organisation = null, string? Partnership = null, string? Strategic = null, string? Professional = null, string? Networks = null)
{
    public static readonly AnnualTexts Empty = new();
}

public sealed record CountLine(string Label, int Count);

/// <summary>A case treated at a meeting, as the public minutes have it (an exempt case by its public title, its decision withheld).</summary>
public sealed record DecisionLine(string Number, string Title, string Kind, string Result, string Decision, string? Exempt);

/// <summary>A meeting held: its date, the published minutes, attendance per party, how long publication took, and what was decided.</summary>
public sealed record MeetingYear(string Date, string? MinutesUrl, string Attendance, string LeadTime, IReadOnlyList<DecisionLine> Decisions);

/// <param name="Status">For a body that reports to another (an FSU): whether it meets and reports as its mandate says.</param>
/// <param name="Reports">Its reports of the year to its parent body, each in words.</param>
public sealed record BodyYear(string Name, string ShortName, string Kind, string? Mandate, string? Established, string? Parent, int MeetingsHeld, int MeetingsCancelled,
    IReadOnlyList<MeetingYear> Meetings, IReadOnlyList<CountLine> CasesByKind, IReadOnlyList<CountLine> CasesByResult, string LeadTimes, string Compliance,
    string? Status = null, IReadOnlyList<string>? Reports = null);

/// <summary>A chapter of the report on one level of the community (the partnership meeting, the SSU, the FSUs): the secretariat's text and each body's year.</summary>
public sealed record ReportSection(string Title, string? Text, IReadOnlyList<BodyYear> Bodies);

/// <summary>The model of templates/annual-report.md.liquid: the year of a community, drafted from what the app holds.</summary>
public sealed record AnnualReportModel(string Community, int Year, string Generated, bool Draft, AnnualTexts Texts, IReadOnlyList<BodyYear> Bodies,
    IReadOnlyList<ReportSection> Sections, string Compliance, IReadOnlyList<CountLine> MissedByRequirement);

/// <summary>
/// "Det avgis årlig melding … Sekretariatet har ansvaret for å utarbeide de årlige meldingene": the annual
/// report drafted from the year's meetings, cases, decisions, attendance and compliance, per body.
/// </summary>
public sealed class AnnualReportBuilder(MeetingStore meetings, AgendaService agendas, MinutesStore minutes, MinutesDocument documents, ComplianceTimeline compliance,
    IdempotencyKeys keys, CaseStore cases, IOptions<CommunityOptions> community, TimeProvider clock)
{
    public async Task<AnnualReportModel> Build(int year, AnnualTexts texts, bool draft, CancellationToken ct = default)
    {
        var bodies = (await meetings.Bodies(ct)).OrderBy(b => b.Kind).ThenBy(b => b.Name, StringComparer.Create(Norwegian.Culture, false)).ToList();
        var names = bodies.ToDictionary(b => b.Code, b => b.ShortName);
        var years = new List<(Body Body, BodyYear Year)>();
        var missed = new List<ComplianceRow>();
        var summaries = new List<ComplianceSummary>();
        foreach (var body in bodies)
        {
            // A body with meetings on the year's plan, and an FSU set up by then even if it has not met (its status says so);
            // an FSU stored before its establishing decision was required has no date, and is reported all the same.
            var (line, compliant) = await BodyOf(body, year, names, ct);
            if (line.MeetingsHeld + line.MeetingsCancelled > 0 || compliant.Meetings.Count > 0
                || body.Kind == BodyKind.Professional && (body.Established is null || body.Established.Value.Year <= year)
                || line.Status is not null && body.Established?.Year <= year)
            {
                years.Add((body, line));
                summaries.Add(compliant.Summary);
                missed.AddRange(compliant.Meetings.SelectMany(m => m.Missed));
            }
        }

        var total = new ComplianceSummary(summaries.Sum(s => s.Met), summaries.Sum(s => s.Missed), summaries.Sum(s => s.NotApplicable), summaries.Sum(s => s.Pending), summaries.Sum(s => s.Unknown));
        List<BodyYear> Of(params BodyKind[] kinds) => years.Where(y => kinds.Contains(y.Body.Kind)).Select(y => y.Year).ToList();
        ReportSection[] sections =
        [
            new("Partnerskapsmøtet", texts.Partnership, Of(BodyKind.Partnership, BodyKind.Dialogue)),
            new("Strategisk samarbeidsutvalg", texts.Strategic, Of(BodyKind.Strategic)),
            new("Faglige samarbeidsutvalg", texts.Professional, Of(BodyKind.Professional)),
        ];
        return new AnnualReportModel(community.Value.Name, year, Norwegian.DateTime(clock.GetUtcNow()), draft, texts, years.Select(y => y.Year).ToList(),
            sections.Where(s => s.Bodies.Count > 0 || !string.IsNullOrWhiteSpace(s.Text)).ToList(),
            ComplianceText.Summary(total),
            missed.GroupBy(r => r.Label).Select(g => new CountLine(g.Key, g.Count())).OrderByDescending(c => c.Count).ToList());
    }

    private async Task<(BodyYear Line, ComplianceTimeline.YearView Compliance)> BodyOf(Body body, int year, IReadOnlyDictionary<string, string> names, CancellationToken ct)
    {
        var plan = (await meetings.Plan(body.Code, ct)).Where(m => m.Date.Year == year).ToList();
        var held = new List<MeetingYear>();
        var kinds = new List<CaseKind>();
        var results = new List<ItemResult>();
        var leadDays = new List<int>();
        foreach (var meeting in plan.Where(m => m.Status == MeetingStatus.Planned))
        {
            var state = await minutes.Get(meeting.Id, ct);
            if (state.Outcome is not { } outcome || await agendas.Agenda(meeting.Id, ct) is not { } agenda
                || await documents.Build(agenda, state, draft: false, forPublic: true, ct) is not { } view)
            {
                continue;
            }

            var decided = outcome.Items.Select(i => i.CaseId).ToHashSet();
            var decisions = view.Items.Where(i => i.Kind is not null && agenda.Items.Any(a => a.Label == i.Number && a.CaseId is { } id && decided.Contains(id)))
                .Select(i => new DecisionLine(i.Number, i.Title, i.Kind!, i.Result ?? i.Heading ?? "", i.Text, i.Exempt))
                .ToList();
            foreach (var item in outcome.Items)
            {
                kinds.Add(agenda.Cases.First(c => c.Id == item.CaseId).Kind);
                results.Add(item.Result);
            }

            var lead = state.PublishedAt is { } published ? Oslo.DateOf(published).DayNumber - meeting.Date.DayNumber : (int?)null;
            if (lead is { } days)
            {
                leadDays.Add(days);
            }

            held.Add(new MeetingYear(Norwegian.LongDate(meeting.Date), state.PublishedUrl, view.Attendance.Quorum,
                lead is { } d ? $"publisert {Norwegian.Count(d, "dag", "dager")} etter møtet" : "ikke publisert", decisions));
        }

        var yearView = (await compliance.Year(body.Code, year, ct))!;
        var leadTimes = leadDays.Count == 0 ? "Ingen referater publisert."
            : $"Referatene ble publisert i snitt {leadDays.Average():0.#} dager etter møtet (lengst {Norwegian.Count(leadDays.Max(), "dag", "dager")}); fristen er {body.Rules.PublicationDays} dager.";
        var line = new BodyYear(body.Name, body.ShortName, Kind(body.Kind), body.Mandate, body.Established is { } e ? Norwegian.LongDate(e) : null,
            body.Parent is { } p ? names.GetValueOrDefault(p, p) : null, held.Count, plan.Count(m => m.Status == MeetingStatus.Cancelled), held,
            kinds.GroupBy(k => k).OrderBy(g => g.Key).Select(g => new CountLine(CaseLabels.Kind(g.Key), g.Count())).ToList(),
            results.GroupBy(r => r).OrderBy(g => g.Key).Select(g => new CountLine(Result(g.Key), g.Count())).ToList(),
            leadTimes, ComplianceText.Summary(yearView.Summary));
        if (body.Parent is not null && body.ReportEveryMonths is not null)
        {
            var today = Oslo.Today(clock);
            var upcoming = plan.Any(m => m.Status == MeetingStatus.Planned && m.Date >= today);
            line = line with
            {
                Status = Status(held.Count, plan.Count(m => m.Status == MeetingStatus.Planned), upcoming, year),
                Reports = await ReportsOf(body, year, names, today, ct),
            };
        }

        return (line, yearView);
    }

    private static string Status(int held, int planned, bool upcoming, int year) =>
        held > 0 ? $"Aktivt: {Norwegian.Count(held, "møte", "møter")} holdt i {year}{(upcoming ? ", flere planlagt" : "")}."
        : planned > 0 ? $"{Norwegian.Count(planned, "møte", "møter")} planlagt i {year}, ingen registrert holdt{(upcoming ? " ennå" : "")}."
        : $"Ingen møter i {year}.";

    /// <summary>"The FSUs report to the SSU": each report day of the year so far, and the case it became in the parent body.</summary>
    private async Task<IReadOnlyList<string>> ReportsOf(Body body, int year, IReadOnlyDictionary<string, string> names, DateOnly today, CancellationToken ct)
    {
        var lines = new List<string>();
        var parent = names.GetValueOrDefault(body.Parent!, body.Parent!);
        foreach (var day in Cycle.FsuReports.Days(body).SkipWhile(d => d.Year < year).TakeWhile(d => d.Year == year && d <= today))
        {
            var c = await keys.CaseOf(Cycle.FsuReports.Key(body, day), ct) is { } id ? await cases.Find(id, ct) : null;
            lines.Add(c is null
                ? $"Rapport {Norwegian.ShortDate(day)}: ikke lagt fram."
                : $"Rapport {Norwegian.ShortDate(day)}: lagt fram for {parent} som sak {c.Id}{(c.MeetingDate is { } d ? $" til møtet {Norwegian.ShortDate(d)}" : "")}.");
        }

        return lines;
    }

    public static string Kind(BodyKind kind) => kind switch
    {
        BodyKind.Strategic => "Strategisk samarbeidsutvalg",
        BodyKind.Partnership => "Partnerskapsmøte",
        BodyKind.Dialogue => "Dialogmøte",
        BodyKind.Professional => "Faglig samarbeidsutvalg",
        _ => kind.ToString(),
    };

    public static string Result(ItemResult result) => MinutesDocument.ResultLabel(result);
}
