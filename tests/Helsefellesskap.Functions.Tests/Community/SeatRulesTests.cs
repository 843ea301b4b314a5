using Helsefellesskap.Functions.Community;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Tests.Community;

/// <summary>"SSU: 7 + 7 members"; "User and GP representatives serve 2 years, at most 6 in a row."</summary>
public sealed class SeatRulesTests
{
    private static readonly BodyRules SevenAndSeven = new() { MunicipalSeats = 7, HospitalSeats = 7 };

    private static readonly IReadOnlyList<Member> Seven = Enumerable.Range(1, 7)
        .Select(n => new Member($"k{n}", "ssu", $"Medlem {n}", $"k{n}@example.org", "Rana kommune", Party.Municipalities, MemberRole.Member)).ToList();

    private static Member Municipal(string id, DateOnly? from = null, DateOnly? to = null) =>
        new(id, "ssu", "Ny", $"{id}@example.org", "Vega kommune", Party.Municipalities, MemberRole.Member) { From = from, To = to };

    private static Member UserRepresentative(string id, DateOnly from, DateOnly to, string email = "bruker@example.org") =>
        new(id, "ssu", "Bruker", email, "Brukerutvalget", Party.Municipalities, MemberRole.SpeakingRight) { From = from, To = to, Represents = Representing.Users };

    [Fact]
    public void AnEighthMunicipalMember_IsRefused_NamingTheSeats()
    {
        var problem = Assert.Single(SeatRules.Problems(Municipal("k8"), Seven, SevenAndSeven));
        Assert.Equal("party", problem.Field);
        Assert.StartsWith("Utvalget har 7 plasser for kommunene etter vedtektene", problem.Message);
    }

    [Fact]
    public void ASuccessor_TakesASeat_FromTheDayAfterTheMemberLeaves()
    {
        var sitting = Seven.Select(m => m.Id == "k7" ? m with { To = new DateOnly(2027, 6, 30) } : m).ToList();
        Assert.Empty(SeatRules.Problems(Municipal("k8", from: new DateOnly(2027, 7, 1)), sitting, SevenAndSeven));
        Assert.NotEmpty(SeatRules.Problems(Municipal("k8", from: new DateOnly(2027, 6, 30)), sitting, SevenAndSeven));
    }

    [Fact]
    public void ABodyWithoutSeatsInItsRules_TakesAnyNumber() =>
        Assert.Empty(SeatRules.Problems(Municipal("k8"), Seven, new BodyRules()));

    [Fact]
    public void AUserRepresentative_IsAppointedForTwoYears_NotSevenOrNine()
    {
        Assert.Empty(SeatRules.Problems(UserRepresentative("b1", new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31)), [], new BodyRules()));
        var seven = Assert.Single(SeatRules.Problems(UserRepresentative("b1", new DateOnly(2027, 1, 1), new DateOnly(2033, 12, 31)), [], new BodyRules()));
        Assert.Equal(("to", "En brukerrepresentant oppnevnes for høyst 2 år om gangen (til og med 2028-12-31)."), (seven.Field, seven.Message));
        Assert.Equal("to", Assert.Single(SeatRules.Problems(new Member("g1", "ssu", "Lege", "lege@example.org", "Fastlegene", null, MemberRole.SpeakingRight)
            { From = new DateOnly(2027, 1, 1), Represents = Representing.GeneralPractitioners }, [], new BodyRules())).Field);
    }

    [Fact]
    public void ThreeTermsInARow_AreSixYears_AndAFourthIsRefused()
    {
        IReadOnlyList<Member> earlier =
        [
            UserRepresentative("b1-2021", new DateOnly(2021, 1, 1), new DateOnly(2022, 12, 31)),
            UserRepresentative("b1-2023", new DateOnly(2023, 1, 1), new DateOnly(2024, 12, 31)),
        ];
        Assert.Empty(SeatRules.Problems(UserRepresentative("b1-2025", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31)), earlier, new BodyRules()));
        var fourth = Assert.Single(SeatRules.Problems(UserRepresentative("b1-2027", new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31)),
            [.. earlier, UserRepresentative("b1-2025", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31))], new BodyRules()));
        Assert.Contains("høyst 6 år i sammenheng", fourth.Message);

        // Someone else, or the same person after a break, starts afresh.
        Assert.Empty(SeatRules.Problems(UserRepresentative("b2-2027", new DateOnly(2027, 1, 1), new DateOnly(2028, 12, 31), "annen@example.org"),
            [.. earlier, UserRepresentative("b1-2025", new DateOnly(2025, 1, 1), new DateOnly(2026, 12, 31))], new BodyRules()));
        Assert.Empty(SeatRules.Problems(UserRepresentative("b1-2028", new DateOnly(2028, 1, 1), new DateOnly(2029, 12, 31)),
            [.. earlier, UserRepresentative("b1-2025", new DateOnly(2025, 1, 1), new DateOnly(2026, 6, 30))], new BodyRules()));
    }

    [Fact]
    public void AnEmptySeat_IsAWarning_NotARefusal_AndAFullBodyHasNone()
    {
        var today = new DateOnly(2027, 3, 1);
        var hospital = Enumerable.Range(1, 7).Select(n => new Member($"h{n}", "ssu", $"H {n}", $"h{n}@example.org", "HF", Party.Hospital, MemberRole.Member)).ToList();
        Assert.Empty(SeatRules.Warnings([.. Seven, .. hospital], SevenAndSeven, BodyKind.Strategic, today));

        // k7 left yesterday: six of seven municipal seats filled today.
        var left = Seven.Select(m => m.Id == "k7" ? m with { To = today.AddDays(-1) } : m).Concat(hospital).ToList();
        var warning = Assert.Single(SeatRules.Warnings(left, SevenAndSeven, BodyKind.Strategic, today));
        Assert.StartsWith("Kommunene har 6 av 7 plasser besatt i dag.", warning);
        Assert.Empty(SeatRules.Problems(Municipal("k8", from: today), left, SevenAndSeven));
    }

    [Fact]
    public void AnSsuMember_AppointedForMoreThanFourYears_IsWarnedOf_OnlyInTheSsu()
    {
        var today = new DateOnly(2027, 3, 1);
        var hospital = Enumerable.Range(1, 7).Select(n => new Member($"h{n}", "ssu", $"H {n}", $"h{n}@example.org", "HF", Party.Hospital, MemberRole.Member)).ToList();
        var five = Seven.Select(m => m.Id == "k1" ? m with { From = new DateOnly(2026, 1, 1), To = new DateOnly(2030, 12, 31) } : m).Concat(hospital).ToList();
        Assert.Contains("mer enn 4 år", Assert.Single(SeatRules.Warnings(five, SevenAndSeven, BodyKind.Strategic, today)));
        Assert.Empty(SeatRules.Warnings(five, SevenAndSeven, BodyKind.Professional, today));

        var four = Seven.Select(m => m.Id == "k1" ? m with { From = new DateOnly(2026, 1, 1), To = new DateOnly(2029, 12, 31) } : m).Concat(hospital).ToList();
        Assert.Empty(SeatRules.Warnings(four, SevenAndSeven, BodyKind.Strategic, today));
    }

    [Fact]
    public void ANameWithAZeroWidthOrBidiCharacter_IsRefused_NamingTheField()
    {
        var hidden = Municipal("k8") with { Name = "Kari\u200B Nordli" };
        var problem = Assert.Single(BodyValidation.Problems(hidden, Seven, new BodyRules()));
        Assert.Equal("name", problem.Field);
        Assert.Contains("usynlige tegn", problem.Message);
        Assert.Contains(BodyValidation.Problems(Municipal("k9") with { Organisation = "Rana \u202Eenummok\u202C" }, Seven, new BodyRules()), p => p.Field == "organisation");
        Assert.Empty(BodyValidation.Problems(Municipal("k9") with { Name = "Åse Ødegård-Kåven" }, Seven, new BodyRules()));
    }
}
