using Azure.Data.Tables;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Storage;
using F = Helsefellesskap.Functions.Cases.CaseSubmissionInput.Fields;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>One earlier version of a case's text: what it said before someone changed it, and who.</summary>
public sealed record CaseVersion(DateTimeOffset At, string By, CaseSubmission Before);

/// <summary>What the secretariat may change in a case's text before its agenda is frozen.</summary>
public sealed record CaseTextChange(string? Title, CaseKind Kind, string? From, string? Summary, string? Background, string? Assessment, IReadOnlyList<string> ProposedDecision);

/// <summary>
/// The secretariat edits a case's text (title, kind, from, sections, proposal) until its agenda is
/// frozen; every earlier version is kept (Cases table, partition "history.{case}", newest first).
/// </summary>
public sealed class CaseEdits(CaseStore cases, AgendaService agendas, StorageClients storage, TimeProvider clock)
{
    public abstract record Result
    {
        public sealed record Saved(CaseRecord Case) : Result;

        public sealed record Invalid(ValidationErrors Errors) : Result;

        public sealed record NotFound : Result;
    }

    public async Task<Result> Edit(string id, CaseTextChange change, string by, CancellationToken ct)
    {
        var found = await cases.Find(id, ct);
        if (found is null)
        {
            return new Result.NotFound();
        }

        var errors = new ValidationErrors();
        if (found.Status is not (CaseStatus.Received or CaseStatus.Accepted or CaseStatus.OnAgenda)
            || (found.Meeting is { } meeting && (await agendas.State(meeting, ct)).Frozen))
        {
            errors.Add(F.Title, "Saken står på en saksliste som er fastsatt, eller er ferdig behandlet, og kan ikke endres.");
            return new Result.Invalid(errors);
        }

        Check(errors, F.Title, change.Title, CaseSubmissionRules.MaxShortText, "Tittelen", required: true);
        Check(errors, F.From, change.From, CaseSubmissionRules.MaxShortText, "Fra-feltet", required: true);
        Check(errors, F.Summary, change.Summary, CaseSubmissionRules.MaxSummary, "Sammendraget");
        Check(errors, F.Background, change.Background, CaseSubmissionRules.MaxLongText, "Bakgrunnen");
        Check(errors, F.Assessment, change.Assessment, CaseSubmissionRules.MaxLongText, "Vurderingen");
        if (change.ProposedDecision.Count > CaseSubmissionRules.MaxPoints || change.ProposedDecision.Any(p => p.Length > CaseSubmissionRules.MaxPointLength))
        {
            errors.Add(F.ProposedDecision, $"Forslaget til vedtak kan ha høyst {CaseSubmissionRules.MaxPoints} punkter på høyst {CaseSubmissionRules.MaxPointLength} tegn.");
        }

        if (errors.Any)
        {
            return new Result.Invalid(errors);
        }

        var content = found.Content with
        {
            Title = change.Title!.Trim(),
            Kind = change.Kind,
            From = change.From!.Trim(),
            Summary = Lines(change.Summary),
            Background = Lines(change.Background),
            Assessment = Lines(change.Assessment),
            ProposedDecision = change.ProposedDecision,
        };
        if (Differences(found.Content, content).Count == 0)
        {
            return new Result.Saved(found);
        }

        // The earlier version is kept before the case changes: a change that dies between the two leaves a version too many, never one lost.
        var at = clock.GetUtcNow();
        var table = await storage.Table(StorageNames.Cases);
        await table.AddEntityAsync(new TableEntity(HistoryPartition(id), $"{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}")
        {
            ["At"] = at,
            ["By"] = by,
            ["Before"] = Json.Write(found.Content),
        }, ct);
        var changed = found with { Content = content };
        await cases.Update(changed, ct);
        return new Result.Saved(changed);
    }

    /// <summary>The earlier versions, newest first.</summary>
    public async Task<IReadOnlyList<CaseVersion>> History(string id, CancellationToken ct)
    {
        var table = await storage.Table(StorageNames.Cases);
        var versions = new List<CaseVersion>();
        await foreach (var e in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {HistoryPartition(id)}"), cancellationToken: ct))
        {
            versions.Add(new CaseVersion(e.GetDateTimeOffset("At") ?? default, e.GetString("By") ?? "", Json.Read<CaseSubmission>(e.GetString("Before"))));
        }

        return versions;
    }

    /// <summary>The parts of the text that differ between two versions, by their names on the screen.</summary>
    public static IReadOnlyList<string> Differences(CaseSubmission a, CaseSubmission b) =>
        new (string Name, bool Same)[]
        {
            ("tittel", a.Title == b.Title), ("sakstype", a.Kind == b.Kind), ("fra", a.From == b.From), ("sammendrag", a.Summary == b.Summary),
            ("bakgrunn", a.Background == b.Background), ("vurdering", a.Assessment == b.Assessment), ("forslag til vedtak", a.ProposedDecision.SequenceEqual(b.ProposedDecision)),
        }.Where(x => !x.Same).Select(x => x.Name).ToList();

    private static string HistoryPartition(string id) => $"history.{id}";

    /// <summary>Browsers send a textarea's line breaks as CRLF; the case keeps them as it was submitted, LF.</summary>
    private static string Lines(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);

    private static void Check(ValidationErrors errors, string field, string? value, int max, string what, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, $"{what} må fylles ut.");
        }
        else if (value is not null && value.Length > max)
        {
            errors.Add(field, $"{what} kan ha høyst {max} tegn (nå {value.Length}).");
        }
    }
}
