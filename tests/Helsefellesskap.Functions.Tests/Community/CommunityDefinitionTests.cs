using Helsefellesskap.Functions.Community;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Community;

/// <summary>The presets read as the statutes describe their communities; a broken file is refused with file, line and field.</summary>
public sealed class CommunityDefinitionTests
{
    [Fact]
    public void Helgeland_HasAllFourLevels_AndTheSixFsus()
    {
        var helgeland = Presets.Helgeland;
        Assert.Equal(17, helgeland.Municipalities.Partners.Count);
        Assert.Equal(BodyKind.Strategic, helgeland.Body("ssu").Body.Kind);
        Assert.Equal(BodyKind.Partnership, helgeland.Body("pm").Body.Kind);
        Assert.Equal(BodyKind.Dialogue, helgeland.Body("dialog").Body.Kind);
        var fsus = helgeland.Bodies.Where(b => b.Body.Kind == BodyKind.Professional).ToList();
        Assert.Equal(6, fsus.Count);
        Assert.All(fsus, f => Assert.Equal("ssu", f.Body.Parent));
        Assert.All(fsus, f => Assert.False(string.IsNullOrWhiteSpace(f.Body.Mandate)));

        // The dialogue meeting decides nothing, takes no cases, and meets the same day as the partnership meeting.
        var dialog = helgeland.Body("dialog");
        Assert.Equal((DecisionRule.None, false), (dialog.Body.Rules.Decision, dialog.Body.TakesCases));
        Assert.Equal(helgeland.Body("pm").MeetingsIn(2027).Single().Date, dialog.MeetingsIn(2027).Single().Date);
        // "Formøte før partnerskapsmøtet": the same day, ending before it begins.
        Assert.True(dialog.MeetingsIn(2027).Single().End <= helgeland.Body("pm").MeetingsIn(2027).Single().Start);
        Assert.Equal(21, helgeland.Body("pm").Body.Rules.SummonsDays);
    }

    [Fact]
    public void HelgelandsSsu_HasSevenPlusSevenMembers_PersonalMunicipalDeputies_AndAHospitalList()
    {
        var members = Presets.SsuMembers;
        var voting = members.Where(m => m.Role == MemberRole.Member).ToList();
        Assert.Equal(7, voting.Count(m => m.Party == Party.Municipalities));
        Assert.Equal(7, voting.Count(m => m.Party == Party.Hospital));
        var personal = members.Where(m => m.Role == MemberRole.Deputy && m.DeputyFor is not null).Select(m => m.DeputyFor).ToHashSet();
        Assert.All(voting.Where(m => m.Party == Party.Municipalities), m => Assert.Contains(m.Id, personal));
        Assert.Equal([1, 2, 3], members.Where(m => m.Role == MemberRole.Deputy && m.Party == Party.Hospital).Select(m => m.DeputyOrder).Order());
        Assert.Contains(members, m => m.Role == MemberRole.SpeakingRight);
        Assert.Contains(members, m => m.Role == MemberRole.Observer);
        Assert.All(members, m => Assert.EndsWith("@example.org", m.Email));

        var plan = Presets.Helgeland.Body("ssu").MeetingsIn(2027).ToList();
        Assert.Equal(6, plan.Count);
        Assert.All(plan, m => Assert.Equal(DayOfWeek.Thursday, m.Date.DayOfWeek));
        Assert.Equal(new DateOnly(2027, 2, 11), plan[0].Date); // the second Thursday of February
    }

    [Fact]
    public void Finnmark_GivesEveryMemberAPersonalDeputy()
    {
        var su = CommunityDefinitionReader.Read(Presets.Path("finnmark")).Body("su");
        var voting = su.Members.Where(m => m.Role == MemberRole.Member).ToList();
        Assert.Equal((5, 5), (voting.Count(m => m.Party == Party.Municipalities), voting.Count(m => m.Party == Party.Hospital)));
        Assert.All(voting, m => Assert.Single(su.Members, d => d.DeputyFor == m.Id));
        Assert.Equal(4, su.Body.Rules.MeetingsPerYear);
        Assert.Equal(4, su.MeetingsIn(2027).Count());
    }

    [Fact]
    public void Nordland_HasTwoUserRepresentatives_OneFromEachParty()
    {
        var ssu = CommunityDefinitionReader.Read(Presets.Path("nordland")).Body("ssu");
        Assert.Equal(4, ssu.MeetingsIn(2027).Count());
        var users = ssu.Members.Where(m => m.Organisation.Contains("Bruker", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal([Party.Municipalities, Party.Hospital], users.Select(u => u.Party!.Value).Order());
    }

    [Fact]
    public void ABrokenDefinition_IsRefused_WithEveryProblemNamingFileLineAndField()
    {
        const string yaml = """
            name: Helsefellesskap Test
            parties:
              municipalities: { name: Kommunene }
              hospital: { name: Sykehuset HF }
            bodies:
              - code: ssu
                name: Strategisk samarbeidsutvalg
                shortName: SSU
                rules:
                  decision: flertall
                  summonsDays: 30
                members:
                  - { id: k1, name: Kari, email: ikke-en-adresse, organisation: Rana kommune, party: municipalities, role: member }
                  - { id: k1-vara, name: Anne, email: anne@example.org, organisation: Rana kommune, party: municipalities, role: deputy, deputyFor: k9 }
                  - { id: h1, name: Astrid, email: astrid@example.org, organisation: HF, party: sykehuset, role: member, fargen: blå }
            """;

        var e = Assert.Throws<CommunityDefinitionException>(() => CommunityDefinitionReader.Parse(yaml, "test.yaml"));

        Assert.Contains(e.Problems, p => p.StartsWith("test.yaml, linje 10, bodies[0].rules.decision: «flertall» er ikke en gyldig verdi", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("test.yaml, linje ", StringComparison.Ordinal) && p.Contains("bodies[0].rules.agendaFreezeDays: Sakslisten må fastsettes før innkallingen", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p == "test.yaml, linje 13, bodies[0].members[0].email: E-postadressen er ikke gyldig. Skriv den slik: navn@kommune.no.");
        Assert.Contains(e.Problems, p => p == "test.yaml, linje 14, bodies[0].members[1].deputyFor: Det finnes ikke noe medlem «k9» i utvalget.");
        Assert.Contains(e.Problems, p => p.StartsWith("test.yaml, linje 15, bodies[0].members[2].party: «sykehuset» er ikke en gyldig verdi. Gyldige verdier: «municipalities», «hospital».", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.StartsWith("test.yaml, linje 15, bodies[0].members[2].fargen: Ukjent felt.", StringComparison.Ordinal));
    }

    [Fact]
    public void NotYaml_IsRefused_WithTheLine() =>
        Assert.StartsWith("x.yaml, linje 2: ikke gyldig YAML", Assert.Throws<CommunityDefinitionException>(() => CommunityDefinitionReader.Parse("name: a\n  bodies: [\n", "x.yaml")).Problems.Single());

    [Fact]
    public void AMissingFile_IsNamed() =>
        Assert.Equal("finnes/ikke.yaml: filen finnes ikke.", Assert.Throws<CommunityDefinitionException>(() => CommunityDefinitionReader.Read("finnes/ikke.yaml")).Problems.Single());
}
