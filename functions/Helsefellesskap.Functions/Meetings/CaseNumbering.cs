namespace Helsefellesskap.Functions.Meetings;

/// <summary>The numbers one frozen agenda took in its body's series for a year: <c>First</c> … <c>First + Count − 1</c>.</summary>
public sealed record NumberAllocation(string MeetingId, int First, int Count)
{
    public int Next => First + Count;
}

/// <summary>
/// "Case numbers run per body per calendar year. A meeting's numbers are given when its agenda is
/// frozen, standing items included, and a number once given is never given again — whatever is later
/// returned, moved or cancelled." (docs/rules.md) Pure: the store keeps the allocations.
/// </summary>
public static class CaseNumbering
{
    /// <summary>The first number nobody has had this year.</summary>
    public static int NextFree(IReadOnlyList<NumberAllocation> year) => year.Count == 0 ? 1 : year.Max(a => a.Next);

    /// <summary>
    /// The numbers for a meeting's agenda of <paramref name="count"/> items. A meeting that already has its
    /// numbers keeps them (a freeze repeated after a crash); if its size changed meanwhile it keeps its
    /// first number only while nobody came after it, otherwise it gets new numbers and the old stay spent.
    /// </summary>
    public static (int First, IReadOnlyList<NumberAllocation> Year) Allocate(IReadOnlyList<NumberAllocation> year, MeetingId meetingId, int count)
    {
        var mine = year.LastOrDefault(a => a.MeetingId == meetingId.Value);
        if (mine is not null && mine.Count == count)
        {
            return (mine.First, year);
        }

        if (mine is not null && mine.Next == NextFree(year))
        {
            return (mine.First, year.Where(a => a != mine).Append(mine with { Count = count }).ToList());
        }

        var first = NextFree(year);
        return (first, year.Append(new NumberAllocation(meetingId.Value, first, count)).ToList());
    }

    /// <summary>
    /// The number an agenda not yet frozen would start at, for the secretariat's preview: after every
    /// number given this year and after the agendas of this year's earlier meetings still to be frozen.
    /// </summary>
    public static int Provisional(IReadOnlyList<NumberAllocation> year, IEnumerable<int> earlierUnfrozenSizes) =>
        NextFree(year) + earlierUnfrozenSizes.Sum();
}
