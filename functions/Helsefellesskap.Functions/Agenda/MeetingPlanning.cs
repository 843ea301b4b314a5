using System.Globalization;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>
/// Changes to a body's meeting plan, checked against its rules, for the API and the workspace alike:
/// meetings adopted (ordinary ones no more than the rules allow a year; an extraordinary one with its
/// notice), one moved, one cancelled.
/// </summary>
public sealed class MeetingPlanning(MeetingStore meetings, MeetingChanges changes, TimeProvider clock)
{
    public abstract record Result
    {
        public sealed record Done(Body Body, IReadOnlyList<Meeting> Meetings) : Result;

        public sealed record Invalid(ValidationErrors Errors, int Status = StatusCodes.Status400BadRequest) : Result;

        public sealed record NotFound : Result;
    }

    public async Task<Result> Add(Body b, IReadOnlyList<MeetingPlanEndpoints.MeetingInput> list, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var today = Oslo.Today(clock);
        var parsed = new List<Meeting>();
        if (list.Count == 0)
        {
            errors.Add("meetings", "Oppgi minst ett møte.");
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (Parse(list[i], $"meetings[{i}]", errors) is { } m)
            {
                var kind = list[i].Kind ?? MeetingKind.Ordinary;
                if (MeetingPlanRules.DateProblem(m.Date, kind, b.Rules, today) is { } problem)
                {
                    errors.Add($"meetings[{i}].date", problem);
                }

                parsed.Add(new Meeting(MeetingId.For(b.Code, m.Date, kind), b.Code, m.Date, m.Start, m.End, m.Location, m.VideoLink, kind, MeetingStatus.Planned) { AddedAt = clock.GetUtcNow() });
            }
        }

        // "6 ordinary meetings a year": a plan may be adopted in parts, but never with more than the rules allow.
        var existing = await meetings.Plan(b.Code, ct);
        foreach (var year in parsed.Where(m => m.Kind == MeetingKind.Ordinary).Select(m => m.Date.Year).Distinct())
        {
            var ordinary = existing.Where(m => m.Kind == MeetingKind.Ordinary && m.Status == MeetingStatus.Planned && m.Date.Year == year).Select(m => m.Id.Value)
                .Union(parsed.Where(m => m.Kind == MeetingKind.Ordinary && m.Date.Year == year).Select(m => m.Id.Value))
                .Count();
            if (ordinary > b.Rules.MeetingsPerYear)
            {
                errors.Add("meetings", $"{b.ShortName} har {b.Rules.MeetingsPerYear} ordinære møter i året; med disse ville {year} fått {ordinary}. Et møte utenom planen legges inn som ekstraordinært («kind»: «extraordinary»).");
            }
        }

        if (errors.Any)
        {
            return new Result.Invalid(errors);
        }

        return await changes.Adopt(b, parsed, ct) is { Any: true } clashes
            ? new Result.Invalid(clashes, StatusCodes.Status409Conflict)
            : new Result.Done(b, parsed);
    }

    /// <summary>Moves a planned meeting (what the input leaves out stays as it was).</summary>
    public async Task<Result> Move(string id, MeetingPlanEndpoints.MeetingInput input, CancellationToken ct)
    {
        if (await meetings.FindMeetingWithBody(id, ct) is not var (meeting, body) || meeting.Status == MeetingStatus.Cancelled)
        {
            return new Result.NotFound();
        }

        var errors = new ValidationErrors();
        var fields = Parse(input with { Date = input.Date ?? meeting.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Start = input.Start ?? Norwegian.Time(meeting.Start), End = input.End ?? Norwegian.Time(meeting.End), Location = input.Location ?? meeting.Location }, "", errors);
        if (fields is not null && fields.Date < Oslo.Today(clock))
        {
            errors.Add("date", "Et møte kan ikke flyttes til en dato som er passert.");
        }

        if (errors.Any || fields is null)
        {
            return new Result.Invalid(errors);
        }

        var moved = await changes.Move(meeting, body, meeting with { Date = fields.Date, Start = fields.Start, End = fields.End, Location = fields.Location, VideoLink = input.VideoLink ?? meeting.VideoLink }, ct);
        return new Result.Done(body, [moved]);
    }

    public async Task<Result> Cancel(string id, CancellationToken ct)
    {
        return await meetings.FindMeetingWithBody(id, ct) is var (meeting, body) ? new Result.Done(body, [await changes.Cancel(meeting, body, ct)]) : new Result.NotFound();
    }

    public static Meeting? Parse(MeetingPlanEndpoints.MeetingInput input, string prefix, ValidationErrors errors)
    {
        string Field(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
        var ok = DateOnly.TryParseExact(input.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date);
        if (!ok)
        {
            errors.Add(Field("date"), "Møtedatoen må skrives åååå-mm-dd, for eksempel 2027-02-11.");
        }

        var start = TimeOnly.TryParseExact(input.Start ?? "10:00", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s) ? s : (TimeOnly?)null;
        var end = TimeOnly.TryParseExact(input.End ?? "14:00", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) ? e : (TimeOnly?)null;
        if (start is null || end is null || end <= start)
        {
            errors.Add(Field("start"), "Oppgi start og slutt som tt:mm, med slutt etter start.");
        }

        if (string.IsNullOrWhiteSpace(input.Location) || input.Location.Length > 200)
        {
            errors.Add(Field("location"), "Oppgi møtested (høyst 200 tegn).");
        }

        if (input.VideoLink is not null && !SafeLinks.IsSafe(input.VideoLink))
        {
            errors.Add(Field("videoLink"), "Videolenken må begynne med https://.");
        }

        return ok && start is not null && end is not null && end > start && !string.IsNullOrWhiteSpace(input.Location)
            ? new Meeting(default, "", date, start.Value, end.Value, input.Location.Trim(), input.VideoLink, input.Kind ?? MeetingKind.Ordinary, MeetingStatus.Planned)
            : null;
    }
}
