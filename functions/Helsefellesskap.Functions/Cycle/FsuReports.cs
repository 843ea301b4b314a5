using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Cycle;

/// <summary>
/// "The FSUs report to the SSU": every <see cref="Body.ReportEveryMonths"/> months from the day an FSU
/// was set up, a report is put in its parent body's case queue, as an information case for the next
/// meeting whose deadline is open, listing the FSU's meetings of the period and their minutes. The
/// ticker runs this; each report is submitted once (an idempotency key per FSU and period).
/// </summary>
public sealed class FsuReports(MeetingStore meetings, MinutesStore minutes, CaseIntake intake, IdempotencyKeys keys, IOptions<SecretariatOptions> secretariat, IOptions<CommunityOptions> community, TimeProvider clock, ILogger<FsuReports> log)
{
    /// <summary>A report whose day is further back than this is taken as handled outside the app (a body loaded with an old date).</summary>
    public const int DaysLate = 60;

    /// <summary>The report days of a body on or before <paramref name="today"/>, newest first, no older than <see cref="DaysLate"/>.</summary>
    public static IEnumerable<DateOnly> Due(Body body, DateOnly today)
    {
        var days = Days(body).TakeWhile(d => d <= today).ToList();
        foreach (var day in Enumerable.Reverse(days).Where(d => d.DayNumber >= today.DayNumber - DaysLate))
        {
            yield return day;
        }
    }

    /// <summary>Every report day of a body, in order: every <see cref="Body.ReportEveryMonths"/> months from the day it was set up (none for a body that does not report).</summary>
    public static IEnumerable<DateOnly> Days(Body body)
    {
        if (body is not { Parent: not null, ReportEveryMonths: { } every, Established: { } established })
        {
            yield break;
        }

        for (var k = 1; k < 12 * 200; k++)
        {
            yield return established.AddMonths(k * every);
        }
    }

    /// <summary>The idempotency key of a body's report for a day: it is submitted once, and found again by it.</summary>
    public static string Key(Body body, DateOnly day) => $"fsu-report.{body.Code}.{day:yyyy-MM-dd}";

    public async Task<int> SubmitDue(CancellationToken ct = default)
    {
        var today = Oslo.Today(clock);
        var submitted = 0;
        foreach (var body in await meetings.Bodies(ct))
        {
            foreach (var day in Due(body, today))
            {
                // Every tick passes here: a report already submitted costs one point read, not a new report.
                var key = Key(body, day);
                if (await keys.CaseOf(key, ct) is not null)
                {
                    continue;
                }

                var outcome = await intake.Submit(await Report(body, day, ct), key, ct, bySecretariat: true);
                switch (outcome)
                {
                    case CaseIntake.Outcome.Created { Replayed: false } created:
                        log.LogInformation("Report from {Body} for {Day} put before {Parent} as {Case}", body.Code, day, body.Parent, created.Case.Id);
                        submitted++;
                        break;
                    case CaseIntake.Outcome.Created or CaseIntake.Outcome.KeyReused or CaseIntake.Outcome.KeyInProgress:
                        break;
                    default:
                        log.LogWarning("The report from {Body} for {Day} could not be put before {Parent}: {Outcome}", body.Code, day, body.Parent, outcome);
                        break;
                }
            }
        }

        return submitted;
    }

    private async Task<CaseSubmissionInput> Report(Body body, DateOnly day, CancellationToken ct)
    {
        var from = day.AddMonths(-body.ReportEveryMonths!.Value);
        var held = (await meetings.Plan(body.Code, ct)).Where(m => m.Status == MeetingStatus.Planned && m.Date >= from && m.Date < day).ToList();
        var lines = new List<string>();
        foreach (var meeting in held)
        {
            var state = await minutes.Get(meeting.Id, ct);
            lines.Add($"- {Norwegian.LongDate(meeting.Date)}: {(state.PublishedUrl is { } url ? $"referat publisert, {url}" : state.Outcome is null ? "ingen møteutfall registrert" : "referatet er ikke godkjent ennå")}");
        }

        var parent = await meetings.FindBody(body.Parent!, ct);
        var input = new CaseSubmissionInput
        {
            Body = body.Parent,
            Title = $"Rapport fra {body.ShortName} {Norwegian.ShortDate(from)}–{Norwegian.ShortDate(day)}",
            Kind = "information",
            From = body.Name,
            SubmitterName = "Sekretariatet",
            SubmitterEmail = secretariat.Value.Email,
            SubmitterOrganisation = community.Value.Name,
            Summary = $"{body.Name} rapporterer til {parent?.ShortName ?? body.Parent} hver {body.ReportEveryMonths}. måned. Rapporten gjelder perioden {Norwegian.LongDate(from)} til {Norwegian.LongDate(day)}.",
            Background = $"Mandat: {body.Mandate ?? "(ikke registrert)"}\n\nMøter i perioden:\n\n{(lines.Count == 0 ? "- Ingen møter." : string.Join("\n", lines))}",
        };
        input.ProposedDecision.Add($"Rapporten fra {body.ShortName} tas til orientering.");
        return input;
    }
}
