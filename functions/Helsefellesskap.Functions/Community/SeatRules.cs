using Helsefellesskap.Functions.Meetings;
using Problem = Helsefellesskap.Functions.Community.BodyValidation.Problem;

namespace Helsefellesskap.Functions.Community;

/// <summary>
/// Who may sit, by the statutes: no more members for a party than its seats on any day, and a user or GP representative
/// appointed "for 2 years, at most 6 in a row". A violation is named with its rule. What the statutes allow but a
/// secretariat should see (a seat empty, an SSU member appointed for longer than 4 years) is a warning, not a refusal.
/// </summary>
public static class SeatRules
{
    public const int RepresentativeTermYears = 2;
    public const int RepresentativeYearsInARow = 6;

    /// <summary>"SSU: 7 + 7 members (appointed for 4 years)".</summary>
    public const int StrategicMemberTermYears = 4;

    /// <summary>The roster's warnings on <paramref name="today"/>: empty seats of each party, and SSU members appointed for more than 4 years.</summary>
    public static IEnumerable<string> Warnings(IReadOnlyList<Member> members, BodyRules rules, BodyKind kind, DateOnly today)
    {
        foreach (var (party, seats, who) in new[] { (Party.Municipalities, rules.MunicipalSeats, "kommunene"), (Party.Hospital, rules.HospitalSeats, "helseforetaket") })
        {
            var filled = members.Count(m => m.Role == MemberRole.Member && m.Party == party && m.ServesOn(today));
            if (seats is { } s && filled < s)
            {
                yield return $"{Capital(who)} har {filled} av {s} plasser besatt i dag. Utvalget er vedtaksført med minst halvparten av hver part, men plassene bør fylles.";
            }
        }

        if (kind == BodyKind.Strategic)
        {
            foreach (var m in members.Where(m => m is { Role: MemberRole.Member, From: { } from, To: { } to } && to > from.AddYears(StrategicMemberTermYears).AddDays(-1) && m.To >= today))
            {
                yield return $"{m.Name} er oppnevnt fra {m.From:dd.MM.yyyy} til {m.To:dd.MM.yyyy}, mer enn {StrategicMemberTermYears} år; vedtektene sier at medlemmene oppnevnes for {StrategicMemberTermYears} år.";
            }
        }
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    public static IEnumerable<Problem> Problems(Member m, IReadOnlyList<Member> others, BodyRules rules)
    {
        if (m.Role == MemberRole.Member && m.Party is { } party && (party == Party.Municipalities ? rules.MunicipalSeats : rules.HospitalSeats) is { } seats)
        {
            var sitting = others.Where(o => o.Id != m.Id && o.Role == MemberRole.Member && o.Party == party).ToList();
            // The busiest day of the new term: its first day, or a day another member's term begins within it.
            var days = sitting.Select(o => o.From).OfType<DateOnly>().Append(m.From ?? DateOnly.MinValue).Where(m.ServesOn).Distinct();
            if (days.Select(d => sitting.Count(o => o.ServesOn(d))).DefaultIfEmpty(0).Max() >= seats)
            {
                var who = party == Party.Municipalities ? "kommunene" : "helseforetaket";
                yield return new("party", $"Utvalget har {seats} plasser for {who} etter vedtektene, og alle er besatt i perioden. Sett en sluttdato («to») for medlemmet som går ut, eller registrer personen som vara.");
            }
        }

        if (m.Represents is { } represents)
        {
            var what = represents == Representing.Users ? "En brukerrepresentant" : "En fastlegerepresentant";
            if (m.From is not { } from || m.To is not { } to)
            {
                yield return new("to", $"{what} oppnevnes for {RepresentativeTermYears} år om gangen: oppgi både «from» og «to».");
                yield break;
            }

            if (to > from.AddYears(RepresentativeTermYears).AddDays(-1))
            {
                yield return new("to", $"{what} oppnevnes for høyst {RepresentativeTermYears} år om gangen (til og med {from.AddYears(RepresentativeTermYears).AddDays(-1):yyyy-MM-dd}).");
            }

            // The same person's terms in a row (one starting the day after the last ends), this one included.
            var terms = others.Where(o => o.Id != m.Id && o.Represents == represents && string.Equals(o.Email, m.Email, StringComparison.OrdinalIgnoreCase) && o.From is not null && o.To is not null)
                .Select(o => (From: o.From!.Value, To: o.To!.Value)).Append((From: from, To: to)).OrderBy(t => t.From).ToList();
            var start = terms[0].From;
            var end = terms[0].To;
            foreach (var (f, t) in terms.Skip(1))
            {
                (start, end) = f <= end.AddDays(1) ? (start, t > end ? t : end) : (f, t);
                if (end > start.AddYears(RepresentativeYearsInARow).AddDays(-1))
                {
                    yield return new("to", $"{what} kan sitte høyst {RepresentativeYearsInARow} år i sammenheng; med denne perioden blir det fra {start:yyyy-MM-dd} til {end:yyyy-MM-dd}.");
                    yield break;
                }
            }
        }
    }
}
