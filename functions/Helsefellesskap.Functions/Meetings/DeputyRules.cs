namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// "A member who cannot meet is replaced by their personal deputy; where a party has no personal
/// deputies, by the first on its ordered deputy list. A deputy who also reports absence passes it on."
/// (docs/rules.md) Which scheme a body uses is in its roster: Helgeland's SSU gives the municipal
/// members personal deputies and the hospital an ordered list; Finnmark's SU gives every member one.
/// </summary>
public static class DeputyRules
{
    /// <summary>
    /// Who stands in when <paramref name="absent"/> cannot meet: their personal deputy if they have one
    /// (nobody if that deputy is unavailable too), else the first deputy of their party's ordered list
    /// who is neither absent nor already standing in. A deputy on the list who stood in and reports
    /// absence passes it on to the next on the list; a personal deputy has no one after them. Null when
    /// no one is left.
    /// </summary>
    public static Member? StandIn(Member absent, IReadOnlyList<Member> members, IReadOnlySet<string> unavailable)
    {
        var deputies = members.Where(m => m.Role == MemberRole.Deputy).ToList();
        Member? FromList() => deputies
            .Where(d => d.Party == absent.Party && d.DeputyOrder is not null && !unavailable.Contains(d.Id))
            .OrderBy(d => d.DeputyOrder)
            .FirstOrDefault();

        return absent.Role switch
        {
            MemberRole.Member when deputies.FirstOrDefault(d => d.DeputyFor == absent.Id) is { } personal => unavailable.Contains(personal.Id) ? null : personal,
            MemberRole.Member => FromList(),
            MemberRole.Deputy when absent.DeputyFor is null && absent.DeputyOrder is not null => FromList(),
            _ => null,
        };
    }
}
