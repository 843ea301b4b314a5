namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// "Municipal members have a personal deputy; the hospital has an ordered deputy list. A deputy who
/// also reports absence passes it on." (docs/rules.md)
/// </summary>
public static class DeputyRules
{
    /// <summary>
    /// Who stands in when <paramref name="absent"/> cannot meet: the personal deputy of a municipal
    /// member, or the first deputy on the hospital's list who is neither absent nor already standing in.
    /// When a deputy who stood in reports absence, it passes on to the next on the hospital's list; a
    /// municipal member's personal deputy has no one after them. Null when no one is left.
    /// </summary>
    public static Member? StandIn(Member absent, IReadOnlyList<Member> members, IReadOnlySet<string> unavailable)
    {
        var deputies = members.Where(m => m.Role == MemberRole.Deputy && !unavailable.Contains(m.Id));
        return absent.Party switch
        {
            Party.Municipalities when absent.Role == MemberRole.Member => deputies.FirstOrDefault(d => d.DeputyFor == absent.Id),
            Party.Hospital => deputies.Where(d => d.Party == Party.Hospital && d.DeputyOrder is not null).OrderBy(d => d.DeputyOrder).FirstOrDefault(),
            _ => null,
        };
    }
}
