using System.Globalization;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
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
        int? ExtraordinaryNoticeDays, int? MinutesApprovalWorkingDays, int? PublicationDays, bool? PublishesCasePapers, bool? OpenMeetings, int? SummonsMinimumDays = null,
        int? MunicipalSeats = null, int? HospitalSeats = null, bool? AttachesFullMinutes = null);

    public sealed record BodyInput(
        string? Code, string? Name, string? ShortName, string? Kind, string? Parent, bool? TakesCases, string? Mandate, int? ReportEveryMonths, string? EstablishedBy, RulesInput? Rules);

    public sealed record MemberInput(
        string? Id, string? Name, string? Email, string? Organisation, string? Party, string? Role, string? DeputyFor, int? DeputyOrder, string? From, string? To,
        string? Represents = null);

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

    /// <summary>The community's bodies, top-level ones first, then by name as Norwegian sorts it; a page at a time (see <see cref="Paging"/>).</summary>
    private static async Task<Results<Ok<List<BodyView>>, ProblemHttpResult>> List(int? limit, string? continuation, MeetingStore store, HttpContext context, CancellationToken ct) =>
        Paging.Answer(await store.Bodies(ct), BodyOrder, View, limit, continuation, context);

    /// <summary>The name's Norwegian sort key in hex sorts ordinally as the names sort in Norwegian (æ, ø, å last).</summary>
    private static string BodyOrder(Body b) =>
        Paging.Key(b.Parent is null ? "0" : "1", Convert.ToHexString(Norwegian.Culture.CompareInfo.GetSortKey(b.Name).KeyData), b.Code);

    private static async Task<Results<Ok<BodyView>, ProblemHttpResult>> Get(string body, MeetingStore store, CancellationToken ct) =>
        await store.FindBody(body, ct) is { } b ? TypedResults.Ok(View(b)) : UnknownBody(body);

    private static async Task<Results<Created<BodyView>, ProblemHttpResult>> Create(BodyInput input, MeetingStore store, CaseStore cases, MinutesStore minutes, IOptions<CommunityOptions> community, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var body = await BodyInputs.Read(input, input.Code ?? "", null, community.Value.Name, store, cases, minutes, errors, ct);
        if (errors.Any || body is null)
        {
            return Problems.Validation(errors, title: Title);
        }

        return await store.AddBody(body, ct)
            ? TypedResults.Created($"/api/bodies/{body.Code}", View(body))
            : Problems.Status(StatusCodes.Status409Conflict, "Utvalget finnes", $"Det finnes allerede et utvalg med koden «{body.Code}». Endre det med PUT /api/bodies/{body.Code}.");
    }

    private static async Task<Results<Ok<BodyView>, ProblemHttpResult>> Change(string body, BodyInput input, MeetingStore store, CaseStore cases, MinutesStore minutes, IMeetingCycle cycles, CancellationToken ct)
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

        var changed = await BodyInputs.Read(input, existing.Code, existing, existing.CommunityName, store, cases, minutes, errors, ct);
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
                await cycles.Changed(meeting, changed, ct);
            }
        }

        return TypedResults.Ok(View(changed));
    }

    /// <summary>The roster (all terms, or those in force on <paramref name="date"/>), a page at a time (see <see cref="Paging"/>).</summary>
    private static async Task<Results<Ok<List<Member>>, ProblemHttpResult>> Members(string body, string? date, int? limit, string? continuation, MeetingStore store, HttpContext context, CancellationToken ct)
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

        return Paging.Answer(members, RosterOrder, m => m, limit, continuation, context);
    }

    /// <summary>Members before deputies and the rest, then by party (none first), the party's deputy order (none first), id.</summary>
    private static string RosterOrder(Member m) =>
        Paging.Key(((int)m.Role).ToString("D2", CultureInfo.InvariantCulture), m.Party is { } p ? ((int)p + 1).ToString("D2", CultureInfo.InvariantCulture) : "",
            m.DeputyOrder is { } d ? d.ToString("D6", CultureInfo.InvariantCulture) : "", m.Id);

    private static async Task<Results<Created<Member>, ProblemHttpResult>> AddMember(string body, MemberInput input, RosterChanges roster, CancellationToken ct) =>
        await roster.Add(body, input, ct) switch
        {
            RosterChanges.Result.Done done => TypedResults.Created($"/api/bodies/{body}/members/{done.Member.Id}", done.Member),
            RosterChanges.Result.Invalid invalid => Problems.Validation(invalid.Errors, title: Title),
            RosterChanges.Result.Exists exists => Problems.Status(StatusCodes.Status409Conflict, "Personen finnes", $"{exists.Message} Endre med PUT /api/bodies/{body}/members/{input.Id}."),
            _ => UnknownBody(body),
        };

    private static async Task<Results<Ok<Member>, ProblemHttpResult>> ChangeMember(string body, string id, MemberInput input, RosterChanges roster, CancellationToken ct) =>
        await roster.Change(body, id, input, ct) switch
        {
            RosterChanges.Result.Done done => TypedResults.Ok(done.Member),
            RosterChanges.Result.Invalid invalid => Problems.Validation(invalid.Errors, title: Title),
            RosterChanges.Result.Exists missing => Problems.Status(StatusCodes.Status404NotFound, "Fant ikke personen", missing.Message),
            _ => UnknownBody(body),
        };

    private static BodyView View(Body b) => new(b.Code, b.Name, b.ShortName, b.Kind, b.Parent, b.TakesCases, b.Mandate, b.ReportEveryMonths, b.EstablishedBy, b.Established, b.Rules);

    private static ProblemHttpResult UnknownBody(string body) =>
        Problems.Status(StatusCodes.Status404NotFound, "Utvalget finnes ikke", $"Det finnes ikke noe utvalg med koden «{body}».");
}
