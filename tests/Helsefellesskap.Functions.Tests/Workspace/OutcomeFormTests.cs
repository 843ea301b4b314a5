using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Tests.Infrastructure;
using Helsefellesskap.Functions.Workspace;
using Microsoft.Extensions.Primitives;

namespace Helsefellesskap.Functions.Tests.Workspace;

/// <summary>The Møtet form read into the outcome: what was ticked and chosen, and nothing from values no screen offers.</summary>
public sealed class OutcomeFormTests
{
    private static readonly Body Ssu = new("ssu", "Strategisk samarbeidsutvalg", "SSU", "Helsefellesskap Helgeland", new BodyRules());
    private static readonly Meeting Meeting = new(MeetingId.Parse("ssu-2027-02-11"), "ssu", new DateOnly(2027, 2, 11), new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null, MeetingKind.Ordinary, MeetingStatus.Planned);

    private static MeetingAgenda Agenda(params string[] caseIds)
    {
        var cases = caseIds.Select(id => new CaseRecord(id, new CaseSubmission("ssu", $"Sak {id}", CaseKind.Decision, "Rana kommune", new Submitter("Åse", "ase@example.org", "Rana kommune"), "S", "B", "", ["P"], null, null),
            [], CaseStatus.OnAgenda, Meeting.Id.Value, Meeting.Date, AppFixture.Start, null)).ToList();
        return new MeetingAgenda(Ssu, Meeting, AgendaState.Open(Meeting.Id), [], cases);
    }

    [Fact]
    public void TickedPeople_ChosenResults_AndVotes_AreRead()
    {
        var form = new Dictionary<string, StringValues>
        {
            [OutcomeForm.Present] = new(["k1", "h1", ""]),
            [OutcomeForm.Result("a")] = "Returned",
            [OutcomeForm.Decision("a")] = "Endret vedtak",
            [OutcomeForm.Vote("a", "k1")] = "For",
            [OutcomeForm.Vote("a", "h1")] = "Against",
            [OutcomeForm.Vote("a", "k2")] = "",
            [OutcomeForm.Spawn("a")] = "true",
            [OutcomeForm.AnyOtherBusiness] = "Eventuelt",
        };
        var input = OutcomeForm.Read(form, Agenda("a"), Presets.SsuMembers);

        Assert.Equal(["k1", "h1"], input.Present);
        var item = Assert.Single(input.Items!);
        Assert.Equal((ItemResult.Returned, "Endret vedtak", true), (item.Result, item.Decision, item.SpawnDecisionCase));
        Assert.Equal([new CastVote("k1", Vote.For), new CastVote("h1", Vote.Against)], item.Votes);
        Assert.Equal("Eventuelt", input.AnyOtherBusiness);
    }

    [Fact]
    public void ValuesNoScreenOffers_AreNotRead()
    {
        var form = new Dictionary<string, StringValues>
        {
            [OutcomeForm.Result("a")] = "99",
            [OutcomeForm.Vote("a", "k1")] = "7",
            [OutcomeForm.Vote("a", "h1")] = "For,Against",
            [OutcomeForm.Vote("a", "ukjent")] = "For",
        };
        var item = Assert.Single(OutcomeForm.Read(form, Agenda("a"), Presets.SsuMembers).Items!);

        Assert.Null(item.Result);
        Assert.Empty(item.Votes!);
    }
}
