using System.Globalization;
using System.Security.Claims;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Community;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Web;
using Input = Helsefellesskap.Functions.Community.BodyEndpoints.MemberInput;

namespace Helsefellesskap.Functions.Workspace;

/// <summary>Utvalg og personer: the bodies, each one's roster (terms ending soon first), a person added, changed or replaced.</summary>
public static class RosterScreen
{
    /// <summary>A term that ends within this many days is shown as ending soon.</summary>
    public const int EndingSoonDays = 90;

    public sealed record BodiesModel(IReadOnlyList<Body> Bodies);

    /// <param name="Editing">The person whose form is shown, or null for a new one.</param>
    public sealed record Model(Body Body, IReadOnlyList<Member> Members, DateOnly Today, Member? Editing, Input Input, ValidationErrors Errors, string? Notice)
    {
        public IReadOnlyList<Member> EndingSoon => Members.Where(m => m.To is { } to && to >= Today && to <= Today.AddDays(EndingSoonDays)).OrderBy(m => m.To).ToList();

        /// <summary>What the statutes allow but the secretariat should see (<see cref="Community.SeatRules.Warnings"/>).</summary>
        public IReadOnlyList<string> Warnings => Community.SeatRules.Warnings(Members, Body.Rules, Body.Kind, Today).ToList();
    }

    public static void MapRosterScreen(this RouteGroupBuilder screens)
    {
        screens.MapGet("utvalg", async (MeetingStore meetings, CancellationToken ct) => Pages.Render<BodiesPage>(new { Model = new BodiesModel(await meetings.Bodies(ct)) }));
        screens.MapGet("utvalg/{body}", Show);
        screens.MapPost("utvalg/{body}/personer", Add);
        screens.MapGet("utvalg/{body}/personer/{id}", Show);
        screens.MapPost("utvalg/{body}/personer/{id}", Change);
        screens.MapPost("utvalg/{body}/personer/{id}/erstatt", Replace);
    }

    public static string Path(string body, string? id = null) =>
        $"{WorkspaceAuth.Root}/utvalg/{Uri.EscapeDataString(body)}" + (id is null ? "" : $"/personer/{Uri.EscapeDataString(id)}");

    private static async Task<Model?> Load(string code, string? id, Input? posted, ValidationErrors errors, string? notice, MeetingStore meetings, TimeProvider clock, CancellationToken ct)
    {
        if (await meetings.FindBody(code, ct) is not { } body)
        {
            return null;
        }

        var members = await meetings.Members(code, ct);
        var editing = id is null ? null : members.FirstOrDefault(m => m.Id == id);
        return new Model(body, members.OrderBy(m => m.Party).ThenBy(m => m.Role).ThenBy(m => m.Name).ToList(), Oslo.Today(clock), editing, posted ?? (editing is null ? Empty : InputOf(editing)), errors, notice);
    }

    private static readonly Input Empty = new(null, null, null, null, null, "member", null, null, null, null);

    private static Input InputOf(Member m) => new(m.Id, m.Name, m.Email, m.Organisation, m.Party is { } p ? EnumText.Name(p) : null, EnumText.Name(m.Role), m.DeputyFor, m.DeputyOrder,
        m.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), m.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static async Task<IResult> Show(string body, string? id, string? utfort, MeetingStore meetings, TimeProvider clock, CancellationToken ct) =>
        await Load(body, id, null, new ValidationErrors(), WorkspaceResults.Notice(utfort), meetings, clock, ct) is { } model && (id is null || model.Editing is not null)
            ? Pages.Render<RosterPage>(new { Model = model })
            : PlanScreen.UnknownBody(body);

    private static Input Read(IFormCollection form) => new(
        Text(form["id"]), Text(form["name"]), Text(form["email"]), Text(form["organisation"]), Text(form["party"]), Text(form["role"]), Text(form["deputyFor"]),
        int.TryParse(form["deputyOrder"], out var order) ? order : null, Text(form["from"]), Text(form["to"]));

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<IResult> Add(string body, IFormCollection form, ClaimsPrincipal user, RosterChanges roster, MeetingStore meetings, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var input = Read(form);
        return await Answer(body, null, input, await roster.Add(body, input, ct), "La til person", user, meetings, audit, clock, ct);
    }

    private static async Task<IResult> Change(string body, string id, IFormCollection form, ClaimsPrincipal user, RosterChanges roster, MeetingStore meetings, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var input = Read(form) with { Id = null };
        return await Answer(body, id, input, await roster.Change(body, id, input, ct), "Endret person", user, meetings, audit, clock, ct);
    }

    /// <summary>A successor from a date: the person's term ends the day before, and the new person takes the same seat (role, party, whom they deputise for).</summary>
    private static async Task<IResult> Replace(string body, string id, IFormCollection form, ClaimsPrincipal user, RosterChanges roster, MeetingStore meetings, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var old = await meetings.FindMember(body, id, ct);
        if (old is null)
        {
            return PlanScreen.UnknownBody(body);
        }

        var errors = new ValidationErrors();
        if (!DateOnly.TryParseExact(form["successorFrom"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
        {
            errors.Add("successorFrom", "Oppgi datoen den nye personen begynner, som åååå-mm-dd.");
        }

        var successor = InputOf(old) with { Id = Text(form["successorId"]), Name = Text(form["successorName"]), Email = Text(form["successorEmail"]), Organisation = Text(form["successorOrganisation"]) ?? old.Organisation,
            From = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), To = null };
        if (!errors.Any)
        {
            var added = await roster.Add(body, successor, ct);
            if (added is RosterChanges.Result.Done)
            {
                await roster.Change(body, id, new Input(null, null, null, null, null, null, null, null, null, from.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ct);
                return await WorkspaceResults.Done(user, audit, "Erstattet person", id, $"{old.Name} → {successor.Name} fra {from:yyyy-MM-dd}", Path(body), "person", ct);
            }

            errors = added is RosterChanges.Result.Invalid invalid ? invalid.Errors.Renamed(Successor) : Single("successorId", ((RosterChanges.Result.Exists)added).Message);
        }

        var model = await Load(body, id, null, errors, null, meetings, clock, ct);
        return Pages.Render<RosterPage>(new { Model = model! }, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> Answer(string body, string? id, Input input, RosterChanges.Result result, string action, ClaimsPrincipal user, MeetingStore meetings, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        if (result is RosterChanges.Result.Done done)
        {
            return await WorkspaceResults.Done(user, audit, action, done.Member.Id, $"{done.Member.Name} ({done.Member.Role})", Path(body), "person", ct);
        }

        var errors = result switch
        {
            RosterChanges.Result.Invalid invalid => invalid.Errors,
            RosterChanges.Result.Exists exists => Single("id", exists.Message),
            _ => Single("name", "Utvalget finnes ikke."),
        };
        return await Load(body, id, input, errors, null, meetings, clock, ct) is { } model
            ? Pages.Render<RosterPage>(new { Model = model }, StatusCodes.Status400BadRequest)
            : PlanScreen.UnknownBody(body);
    }

    private static ValidationErrors Single(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    /// <summary>A successor's field as the replacement form names it.</summary>
    private static string Successor(string field) =>
        field is "id" or "name" or "email" or "organisation" ? "successor" + char.ToUpperInvariant(field[0]) + field[1..] : "successorFrom";
}
