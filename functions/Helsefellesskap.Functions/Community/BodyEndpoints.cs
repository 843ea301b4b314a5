using System.Globalization;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Cycle;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Community;

/// <summary>
/// The secretariat sets up and keeps the community's bodies and rosters: list, create and change a body
/// (an FSU is created from the SSU decision that set it up), and its members and deputies with their
/// terms. Nobody is deleted: a member who leaves gets an end date, and whoever replaces them a start.
/// Enumerations are read as text so a wrong value is named with its field.
/// </summary>
public static class BodyEndpoints
{
    public sealed record RulesInput(
        string? Decision, string? Quorum, int? MeetingsPerYear, int? DeadlineReminderDays, int? CaseDeadlineDays, int? AgendaFreezeDays, int? SummonsDays,
        int? ExtraordinaryNoticeDays, int? MinutesApprovalWorkingDays, int? PublicationDays, bool? PublishesCasePapers, bool? OpenMeetings);

    public sealed record BodyInput(
        string? Code, string? Name, string? ShortName, string? Kind, string? Parent, bool? TakesCases, string? Mandate, int? ReportEveryMonths, string? EstablishedBy, RulesInput? Rules);

    public sealed record MemberInput(
        string? Id, string? Name, string? Email, string? Organisation, string? Party, string? Role, string? DeputyFor, int? DeputyOrder, string? From, string? To);

    public sealed record BodyView(
        string Code, string Name, string ShortName, BodyKind Kind, string? Parent, bool TakesCases, string? Mandate, int? ReportEveryMonths, string? EstablishedBy, DateOnly? Established, BodyRules Rules);

    private const string Title = "Opplysningene har feil som må rettes";

    public static void MapBodies(this IEndpointRouteBuilder app)
    {
        var secretariat = app.SecretariatRoutes();
        secretariat.MapGet("bodies", List);
        secretariat.MapGet("bodies/{body}", Get);
        secretariat.MapPost("bodies", Create);
        secretariat.MapPut("bodies/{body}", Change);
        secretariat.MapGet("bodies/{body}/members", Members);
        secretariat.MapPost("bodies/{body}/members", AddMember);
        secretariat.MapPut("bodies/{body}/members/{id}", ChangeMember);
    }

    private static async Task<Ok<List<BodyView>>> List(MeetingStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.Bodies(ct)).OrderBy(b => b.Parent is null ? 0 : 1).ThenBy(b => b.Name, StringComparer.Create(Norwegian.Culture, false)).Select(View).ToList());

    private static async Task<Results<Ok<BodyView>, ProblemHttpResult>> Get(string body, MeetingStore store, CancellationToken ct) =>
        await store.FindBody(body, ct) is { } b ? TypedResults.Ok(View(b)) : UnknownBody(body);

    private static async Task<Results<Created<BodyView>, ProblemHttpResult>> Create(BodyInput input, MeetingStore store, CaseStore cases, MinutesStore minutes, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var body = await Read(input, input.Code ?? "", null, community.Value.Name, store, cases, minutes, errors, ct);
        if (errors.Any || body is null)
        {
            return Problems.Validation(errors, title: Title);
        }

        return await store.AddBody(body, ct)
            ? TypedResults.Created($"/api/bodies/{body.Code}", View(body))
            : Problems.Status(StatusCodes.Status409Conflict, "Utvalget finnes", $"Det finnes allerede et utvalg med koden «{body.Code}». Endre det med PUT /api/bodies/{body.Code}.");
    }

    private static async Task<Results<Ok<BodyView>, ProblemHttpResult>> Change(string body, BodyInput input, MeetingStore store, CaseStore cases, MinutesStore minutes, CycleRunner cycles, CancellationToken ct)
    {
        if (await store.FindBody(body, ct) is not { } existing)
        {
            return UnknownBody(body);
        }

        var errors = new ValidationErrors();
        if (input.Code is not null && input.Code != existing.Code)
        {
            errors.Add("code", "Koden kan ikke endres: den står i møtenes og sakenes adresser.");
        }

        var changed = await Read(input, existing.Code, existing, existing.CommunityName, store, cases, minutes, errors, ct);
        if (errors.Any || changed is null)
        {
            return Problems.Validation(errors, title: Title);
        }

        await store.UpdateBody(changed, ct);
        if (changed.Rules != existing.Rules)
        {
            // New offsets move the steps of the meetings still to come (steps already done stay done).
            foreach (var meeting in (await store.Plan(changed.Code, ct)).Where(m => m.Status == MeetingStatus.Planned))
            {
                await cycles.Replan(meeting, changed, ct);
            }
        }

        return TypedResults.Ok(View(changed));
    }

    private static async Task<Results<Ok<List<Member>>, ProblemHttpResult>> Members(string body, string? date, MeetingStore store, CancellationToken ct)
    {
        if (await store.FindBody(body, ct) is null)
        {
            return UnknownBody(body);
        }

        var members = await store.Members(body, ct);
        if (date is not null)
        {
            if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
            {
                var errors = new ValidationErrors();
                errors.Add("date", "Skriv datoen som åååå-mm-dd.");
                return Problems.Validation(errors, title: Title);
            }

            members = Roster.On(members, on);
        }

        return TypedResults.Ok(members.OrderBy(m => m.Role).ThenBy(m => m.Party).ThenBy(m => m.DeputyOrder).ThenBy(m => m.Id, StringComparer.Ordinal).ToList());
    }

    private static async Task<Results<Created<Member>, ProblemHttpResult>> AddMember(string body, MemberInput input, MeetingStore store, CancellationToken ct)
    {
        if (await store.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        var roster = await store.Members(body, ct);
        var errors = new ValidationErrors();
        var member = ReadMember(input, input.Id ?? "", b, roster, errors);
        if (errors.Any || member is null)
        {
            return Problems.Validation(errors, title: Title);
        }

        return await store.AddMember(member, ct)
            ? TypedResults.Created($"/api/bodies/{body}/members/{member.Id}", member)
            : Problems.Status(StatusCodes.Status409Conflict, "Personen finnes", $"Det finnes allerede en person med id «{member.Id}» i {b.ShortName}. Endre med PUT /api/bodies/{body}/members/{member.Id}.");
    }

    private static async Task<Results<Ok<Member>, ProblemHttpResult>> ChangeMember(string body, string id, MemberInput input, MeetingStore store, CancellationToken ct)
    {
        if (await store.FindBody(body, ct) is not { } b)
        {
            return UnknownBody(body);
        }

        if (await store.FindMember(body, id, ct) is not { } existing)
        {
            return Problems.Status(StatusCodes.Status404NotFound, "Fant ikke personen", $"Det finnes ingen «{id}» i {b.ShortName}.");
        }

        // What the input leaves out stays as it was.
        static string? Name<T>(T? value) where T : struct, Enum => value is { } v ? char.ToLowerInvariant(v.ToString()[0]) + v.ToString()[1..] : null;
        input = input with
        {
            Name = input.Name ?? existing.Name,
            Email = input.Email ?? existing.Email,
            Organisation = input.Organisation ?? existing.Organisation,
            Party = input.Party ?? Name(existing.Party),
            Role = input.Role ?? Name<MemberRole>(existing.Role),
            DeputyFor = input.DeputyFor ?? existing.DeputyFor,
            DeputyOrder = input.DeputyOrder ?? existing.DeputyOrder,
            From = input.From ?? existing.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            To = input.To ?? existing.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        var roster = (await store.Members(body, ct)).Where(m => m.Id != id).ToList();
        var errors = new ValidationErrors();
        if (input.Id is not null && input.Id != id)
        {
            errors.Add("id", "Id-en kan ikke endres; gi personen en sluttdato («to») og legg til en ny.");
        }

        var member = ReadMember(input, id, b, roster, errors);
        if (errors.Any || member is null)
        {
            return Problems.Validation(errors, title: Title);
        }

        await store.UpdateMember(member, ct);
        return TypedResults.Ok(member);
    }

    /// <summary>A body from its input; on a change, what the input leaves out stays as it was.</summary>
    private static async Task<Body?> Read(BodyInput input, string code, Body? existing, string communityName, MeetingStore store, CaseStore cases, MinutesStore minutes, ValidationErrors errors, CancellationToken ct)
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

        if (input.EstablishedBy is { } caseId && existing?.EstablishedBy != caseId)
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

        if (await cases.Find(caseId, ct) is not { } c || c.Body != body.Parent || c.MeetingId is null)
        {
            return (null, $"Fant ingen sak «{caseId}» behandlet i «{body.Parent}».");
        }

        var outcome = (await minutes.Get(c.MeetingId, ct)).Outcome?.Items.FirstOrDefault(i => i.CaseId == caseId);
        if (outcome is null || !MeetingRules.IsAdoption(outcome.Result))
        {
            return (null, $"Sak {caseId} er ikke vedtatt; et faglig samarbeidsutvalg opprettes ved vedtak.");
        }

        return ((await store.FindMeeting(c.MeetingId, ct))?.Date, null);
    }

    private static BodyRules ReadRules(RulesInput? input, BodyRules rules, ValidationErrors errors)
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
            ExtraordinaryNoticeDays = input.ExtraordinaryNoticeDays ?? rules.ExtraordinaryNoticeDays,
            MinutesApprovalWorkingDays = input.MinutesApprovalWorkingDays ?? rules.MinutesApprovalWorkingDays,
            PublicationDays = input.PublicationDays ?? rules.PublicationDays,
            PublishesCasePapers = input.PublishesCasePapers ?? rules.PublishesCasePapers,
            OpenMeetings = input.OpenMeetings ?? rules.OpenMeetings,
        };
    }

    private static Member? ReadMember(MemberInput input, string id, Body body, IReadOnlyList<Member> roster, ValidationErrors errors)
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

        if (text.All(char.IsAsciiLetter) && Enum.TryParse<T>(text, ignoreCase: true, out var value))
        {
            return value;
        }

        errors.Add(field, $"«{text}» er ikke en gyldig verdi. Gyldige verdier: {string.Join(", ", Enum.GetNames<T>().Select(n => $"«{char.ToLowerInvariant(n[0])}{n[1..]}»"))}.");
        return null;
    }

    private static BodyView View(Body b) => new(b.Code, b.Name, b.ShortName, b.Kind, b.Parent, b.TakesCases, b.Mandate, b.ReportEveryMonths, b.EstablishedBy, b.Established, b.Rules);

    private static ProblemHttpResult UnknownBody(string body) =>
        Problems.Status(StatusCodes.Status404NotFound, "Utvalget finnes ikke", $"Det finnes ikke noe utvalg med koden «{body}».");
}
