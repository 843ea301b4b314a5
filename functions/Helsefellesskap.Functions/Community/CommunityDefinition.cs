using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Community;

/// <summary>
/// A health community as data: its parties, its bodies with their rules and rosters, and their meeting
/// plans. Read from a YAML file (<see cref="CommunityDefinitionReader"/>; presets in communities/).
/// </summary>
public sealed record CommunityDefinition(string Name, PartyDefinition Municipalities, PartyDefinition Hospital, IReadOnlyList<BodyDefinition> Bodies)
{
    public BodyDefinition Body(string code) => Bodies.Single(b => b.Body.Code == code);
}

public sealed record PartyDefinition(string Name, IReadOnlyList<string> Partners);

/// <summary>A body, its roster and its meeting plan (a recurring pattern and/or dated meetings).</summary>
public sealed record BodyDefinition(Body Body, IReadOnlyList<Member> Members, MeetingPattern? Plan, IReadOnlyList<Meeting> Meetings)
{
    /// <summary>The meetings of a year: the pattern's and the dated ones.</summary>
    public IEnumerable<Meeting> MeetingsIn(int year) =>
        (Plan?.MeetingsIn(Body.Code, year) ?? []).Concat(Meetings.Where(m => m.Date.Year == year));
}

/// <summary>"The second Thursday of February, April, June, September, October and December, 10–14."</summary>
public sealed record MeetingPattern(IReadOnlyList<int> Months, DayOfWeek Weekday, int Week, TimeOnly Start, TimeOnly End, string Location, string? VideoLink)
{
    public IEnumerable<Meeting> MeetingsIn(string body, int year) =>
        Months.Select(month =>
        {
            var date = Nth(year, month);
            return new Meeting(MeetingId.For(body, date, MeetingKind.Ordinary), body, date, Start, End, Location, VideoLink, MeetingKind.Ordinary, MeetingStatus.Planned);
        });

    /// <summary>The <see cref="Week"/>th <see cref="Weekday"/> of the month (5: the last).</summary>
    private DateOnly Nth(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var date = first.AddDays(((int)Weekday - (int)first.DayOfWeek + 7) % 7 + 7 * (Week - 1));
        while (date.Month != month)
        {
            date = date.AddDays(-7);
        }

        return date;
    }
}
