using System.Globalization;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Community;

/// <summary>
/// The API's body and member inputs made into a <see cref="Body"/> and a <see cref="Member"/>: text
/// parsed field by field (each problem named with its field), then the one validation the community
/// definition uses too (<see cref="BodyValidation"/>).
/// </summary>
internal static class BodyInputs
{
    /// <summary>A body from its input; on a change, what the input leaves out stays as it was.</summary>
    public static async Task<Body?> Read(BodyEndpoints.BodyInput input, string code, Body? existing, string communityName, MeetingStore store, CaseStore cases, MinutesStore minutes, ValidationErrors errors, CancellationToken ct)
    {
        var kind = Parse<BodyKind>(input.Kind, "kind", errors) ?? existing?.Kind ?? BodyKind.Strategic;
        var rules = ReadRules(input.Rules, existing?.Rules ?? new BodyRules(), errors);
        var body = new Body(code, input.Name ?? existing?.Name ?? "", input.ShortName ?? existing?.ShortName ?? "", communityName, rules)
        {
            Kind = kind,
            Parent = input.Parent ?? existing?.Parent,
            TakesCases = input.TakesCases ?? existing?.TakesCases ?? kind != BodyKind.Dialogue,
            Mandate = input.Mandate ?? existing?.Mandate,
            ReportEveryMonths = input.ReportEveryMonths ?? existing?.ReportEveryMonths,
            EstablishedBy = input.EstablishedBy ?? existing?.EstablishedBy,
            Established = existing?.Established,
        };
        var others = (await store.Bodies(ct)).Select(b => b.Code).Where(c => c != code).ToList();
        foreach (var p in BodyValidation.Problems(body, others))
        {
            errors.Add(p.Field, p.Message);
        }

        // "The SSU appoints an FSU through a case": a new FSU is refused without its decision, so it is never missing from the annual report.
        if (existing is null && body.Kind == BodyKind.Professional && string.IsNullOrWhiteSpace(input.EstablishedBy))
        {
            errors.Add("establishedBy", $"Et faglig samarbeidsutvalg opprettes ved vedtak i «{body.Parent ?? "ssu"}»: oppgi saken som opprettet det («establishedBy»).");
        }

        if (input.EstablishedBy is { } caseId && !string.IsNullOrWhiteSpace(caseId) && existing?.EstablishedBy != caseId)
        {
            var (established, problem) = await Establishment(caseId, body, cases, minutes, store, ct);
            if (problem is not null)
            {
                errors.Add("establishedBy", problem);
            }

            body = body with { Established = established };
        }

        return body;
    }

    /// <summary>
    /// "The SSU appoints an FSU through a case": the case must be the parent body's, and adopted at one
    /// of its meetings; the FSU dates from that meeting.
    /// </summary>
    private static async Task<(DateOnly? Date, string? Problem)> Establishment(string caseId, Body body, CaseStore cases, MinutesStore minutes, MeetingStore store, CancellationToken ct)
    {
        if (body.Parent is null)
        {
            return (null, "Bare et utvalg med et overordnet utvalg («parent») opprettes ved vedtak i en sak.");
        }

        if (await cases.Find(caseId, ct) is not { } c || c.Body != body.Parent || c.Meeting is not { } meeting)
        {
            return (null, $"Fant ingen sak «{caseId}» behandlet i «{body.Parent}».");
        }

        var outcome = (await minutes.Get(meeting, ct)).Outcome?.Items.FirstOrDefault(i => i.CaseId == caseId);
        if (outcome is null || !MeetingRules.IsAdoption(outcome.Result))
        {
            return (null, $"Sak {caseId} er ikke vedtatt; et faglig samarbeidsutvalg opprettes ved vedtak.");
        }

        return ((await store.FindMeeting(meeting, ct))?.Date, null);
    }

    private static BodyRules ReadRules(BodyEndpoints.RulesInput? input, BodyRules rules, ValidationErrors errors)
    {
        if (input is null)
        {
            return rules;
        }

        return rules with
        {
            Decision = Parse<DecisionRule>(input.Decision, "rules.decision", errors) ?? rules.Decision,
            Quorum = Parse<QuorumRule>(input.Quorum, "rules.quorum", errors) ?? rules.Quorum,
            MeetingsPerYear = input.MeetingsPerYear ?? rules.MeetingsPerYear,
            DeadlineReminderDays = input.DeadlineReminderDays ?? rules.DeadlineReminderDays,
            CaseDeadlineDays = input.CaseDeadlineDays ?? rules.CaseDeadlineDays,
            AgendaFreezeDays = input.AgendaFreezeDays ?? rules.AgendaFreezeDays,
            SummonsDays = input.SummonsDays ?? rules.SummonsDays,
            SummonsMinimumDays = input.SummonsMinimumDays ?? rules.SummonsMinimumDays,
            MunicipalSeats = input.MunicipalSeats ?? rules.MunicipalSeats,
            HospitalSeats = input.HospitalSeats ?? rules.HospitalSeats,
            ExtraordinaryNoticeDays = input.ExtraordinaryNoticeDays ?? rules.ExtraordinaryNoticeDays,
            MinutesApprovalWorkingDays = input.MinutesApprovalWorkingDays ?? rules.MinutesApprovalWorkingDays,
            PublicationDays = input.PublicationDays ?? rules.PublicationDays,
            PublishesCasePapers = input.PublishesCasePapers ?? rules.PublishesCasePapers,
            OpenMeetings = input.OpenMeetings ?? rules.OpenMeetings,
            AttachesFullMinutes = input.AttachesFullMinutes ?? rules.AttachesFullMinutes,
        };
    }

    public static Member? Member(BodyEndpoints.MemberInput input, string id, Body body, IReadOnlyList<Member> roster, ValidationErrors errors)
    {
        var role = Parse<MemberRole>(input.Role, "role", errors);
        if (input.Role is null)
        {
            errors.Add("role", "Oppgi rollen: «member», «deputy», «speakingRight» eller «observer».");
        }

        var member = new Member(id, body.Code, input.Name?.Trim() ?? "", input.Email?.Trim() ?? "", input.Organisation?.Trim() ?? "", Parse<Party>(input.Party, "party", errors), role ?? MemberRole.Member, input.DeputyFor, input.DeputyOrder)
        {
            From = Date(input.From, "from", errors),
            To = Date(input.To, "to", errors),
            Represents = Parse<Representing>(input.Represents, "represents", errors),
        };
        foreach (var p in BodyValidation.Problems(member, roster, body.Rules))
        {
            errors.Add(p.Field, p.Message);
        }

        return role is null ? null : member;
    }

    private static DateOnly? Date(string? text, string field, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, $"«{text}» er ikke en dato; skriv åååå-mm-dd.");
        return null;
    }

    /// <summary>An enumeration written as its camelCase name; anything else is named with its field and the values it can take.</summary>
    private static T? Parse<T>(string? text, string field, ValidationErrors errors) where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        if (EnumText.TryParse<T>(text, out var value))
        {
            return value;
        }

        errors.Add(field, EnumText.Invalid<T>(text));
        return null;
    }
}
