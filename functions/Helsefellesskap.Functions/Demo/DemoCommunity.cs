using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Demo;

/// <summary>
/// Seeds Helsefellesskap Helgeland: its SSU with the statute rules, 7 + 7 members, deputies,
/// speaking-right participants, observers and a meeting plan for this year and the next.
/// Names are fictional; addresses are example.org. Adding never overwrites, so seeding is idempotent
/// and leaves what the secretariat changed alone.
/// </summary>
public sealed class DemoCommunity(MeetingStore store, Cycle.CycleRunner cycles, TimeProvider clock, IOptions<CommunityOptions> options, ILogger<DemoCommunity> log)
{
    public const string BodyCode = "ssu";

    public static readonly string[] Municipalities =
    [
        "Alstahaug", "Brønnøy", "Dønna", "Grane", "Hattfjelldal", "Hemnes", "Herøy", "Leirfjord", "Lurøy",
        "Nesna", "Rana", "Rødøy", "Sømna", "Træna", "Vefsn", "Vega", "Vevelstad",
    ];

    public const string Hospital = "Helgelandssykehuset HF";

    /// <summary>The months of the SSU's six ordinary meetings; each on the second Thursday.</summary>
    private static readonly int[] MeetingMonths = [2, 4, 6, 9, 10, 12];

    public async Task Seed(CancellationToken ct = default)
    {
        var body = new Body(BodyCode, "Strategisk samarbeidsutvalg", "SSU", options.Value.Name, new BodyRules());
        var added = await store.AddBody(body, ct) ? 1 : 0;
        foreach (var member in Members())
        {
            added += await store.AddMember(member, ct) ? 1 : 0;
        }

        var year = Oslo.Today(clock).Year;
        foreach (var meeting in MeetingPlan(year).Concat(MeetingPlan(year + 1)))
        {
            added += await store.AddMeeting(meeting, ct) ? 1 : 0;
            await cycles.Plan(meeting, body, ct);
        }

        log.LogInformation("Demo community seeded: {Added} new rows", added);
    }

    public static IEnumerable<Meeting> MeetingPlan(int year) =>
        MeetingMonths.Select(month =>
        {
            var date = SecondThursday(year, month);
            return new Meeting(
                MeetingId.For(BodyCode, date, MeetingKind.Ordinary),
                BodyCode,
                date,
                new TimeOnly(10, 0),
                new TimeOnly(14, 0),
                "Helgelandssykehuset Mosjøen, møterom Vefsna",
                "https://teams.example.org/ssu",
                MeetingKind.Ordinary,
                MeetingStatus.Planned);
        });

    private static DateOnly SecondThursday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Thursday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + 7);
    }

    public static IEnumerable<Member> Members()
    {
        string[] municipal = ["Rana", "Vefsn", "Alstahaug", "Brønnøy", "Hemnes", "Vega", "Træna"];
        string[] municipalNames = ["Kari Nordli", "Ola Fjellheim", "Ingrid Sjøvik", "Per Åsmo", "Sigrid Bakkan", "Nils Øyen", "Marit Holand"];
        string[] deputyNames = ["Anne Lian", "Jon Strand", "Liv Hatten", "Knut Berg", "Tone Myrvang", "Eirik Sand", "Hilde Vik"];
        for (var i = 0; i < municipal.Length; i++)
        {
            var id = $"k{i + 1}";
            yield return new Member(id, BodyCode, municipalNames[i], Address(municipalNames[i]), $"{municipal[i]} kommune", Party.Municipalities, MemberRole.Member);
            yield return new Member($"{id}-vara", BodyCode, deputyNames[i], Address(deputyNames[i]), $"{municipal[i]} kommune", Party.Municipalities, MemberRole.Deputy, DeputyFor: id);
        }

        string[] hospitalNames = ["Astrid Mo", "Bjørn Tverå", "Camilla Sæther", "Dag Rønning", "Elin Hagen", "Frode Lund", "Gunn Aune"];
        for (var i = 0; i < hospitalNames.Length; i++)
        {
            yield return new Member($"h{i + 1}", BodyCode, hospitalNames[i], Address(hospitalNames[i]), Hospital, Party.Hospital, MemberRole.Member);
        }

        string[] hospitalDeputies = ["Hans Kvalø", "Ida Remme", "Jørgen Skog"];
        for (var i = 0; i < hospitalDeputies.Length; i++)
        {
            yield return new Member($"h-vara{i + 1}", BodyCode, hospitalDeputies[i], Address(hospitalDeputies[i]), Hospital, Party.Hospital, MemberRole.Deputy, DeputyOrder: i + 1);
        }

        yield return new Member("t1", BodyCode, "Rune Brygfjeld", Address("Rune Brygfjeld"), "Brukerutvalget, Helgelandssykehuset", null, MemberRole.SpeakingRight);
        yield return new Member("t2", BodyCode, "Solveig Nyhus", Address("Solveig Nyhus"), "Kommunenes fastlegerepresentant", null, MemberRole.SpeakingRight);
        yield return new Member("o1", BodyCode, "Terje Ulvang", Address("Terje Ulvang"), "KS Nordland", null, MemberRole.Observer);
        yield return new Member("o2", BodyCode, "Vigdis Kleiva", Address("Vigdis Kleiva"), "Nord universitet", null, MemberRole.Observer);
    }

    private static string Address(string name)
    {
        var ascii = name.ToLowerInvariant()
            .Replace("æ", "ae", StringComparison.Ordinal)
            .Replace("ø", "o", StringComparison.Ordinal)
            .Replace("å", "a", StringComparison.Ordinal)
            .Replace(' ', '.');
        return $"{ascii}@example.org";
    }
}
