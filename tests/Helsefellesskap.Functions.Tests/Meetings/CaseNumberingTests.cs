using CsCheck;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Tests.Meetings;

/// <summary>
/// "Case numbers run per body per calendar year. A meeting's numbers are given when its agenda is
/// frozen, standing items included, and a number once given is never given again."
/// </summary>
public sealed class CaseNumberingTests
{
    [Fact]
    public void TheFirstAgendaOfTheYear_StartsAtOne()
    {
        var (first, given) = CaseNumbering.Allocate([], MeetingId.Parse("ssu-2027-02-11"), 5);

        Assert.Equal(1, first);
        Assert.Equal(6, CaseNumbering.NextFree(given));
    }

    [Fact]
    public void TheNextAgenda_StartsAfterEveryNumberGiven()
    {
        var (_, given) = CaseNumbering.Allocate([], MeetingId.Parse("ssu-2027-02-11"), 5);
        var (first, _) = CaseNumbering.Allocate(given, MeetingId.Parse("ssu-2027-04-15"), 4);

        Assert.Equal(6, first);
    }

    [Fact]
    public void AFreezeRepeated_KeepsItsNumbers()
    {
        var (_, given) = CaseNumbering.Allocate([], MeetingId.Parse("ssu-2027-02-11"), 5);
        (_, given) = CaseNumbering.Allocate(given, MeetingId.Parse("ssu-2027-04-15"), 4);

        Assert.Equal(1, CaseNumbering.Allocate(given, MeetingId.Parse("ssu-2027-02-11"), 5).First);
        Assert.Equal(6, CaseNumbering.Allocate(given, MeetingId.Parse("ssu-2027-04-15"), 4).First);
    }

    [Fact]
    public void AMeetingWhoseSizeChanged_AfterOthersHadNumbers_GetsNewOnes_AndTheOldStaySpent()
    {
        var (_, given) = CaseNumbering.Allocate([], MeetingId.Parse("ssu-2027-02-11"), 5);
        (_, given) = CaseNumbering.Allocate(given, MeetingId.Parse("ssu-2027-04-15"), 4);

        var (first, after) = CaseNumbering.Allocate(given, MeetingId.Parse("ssu-2027-02-11"), 6);

        Assert.Equal(10, first);
        Assert.Equal(16, CaseNumbering.NextFree(after));
    }

    [Fact]
    public void APreview_CountsTheAgendasOfEarlierMeetingsStillToBeFrozen()
    {
        var (_, given) = CaseNumbering.Allocate([], MeetingId.Parse("ssu-2027-02-11"), 5);

        Assert.Equal(6 + 4 + 3, CaseNumbering.Provisional(given, [4, 3]));
        Assert.Equal(1, CaseNumbering.Provisional([], []));
    }

    /// <summary>
    /// Any order of freezes, freezes that die after taking their numbers (and are repeated with another
    /// size), returns, moves and cancellations: the numbers of agendas that were frozen never overlap, and
    /// a frozen agenda's numbers never change.
    /// </summary>
    [Fact]
    public void NoNumberIsEverGivenTwice()
    {
        var operation = Gen.Select(Gen.Int[0, 5], Gen.Int[3, 12], Gen.Bool);
        operation.Array[1, 40].Sample(operations =>
        {
            IReadOnlyList<NumberAllocation> given = [];
            var frozen = new Dictionary<string, (int First, int Count)>();
            foreach (var (meetingIndex, size, dies) in operations)
            {
                var meeting = $"ssu-2027-0{meetingIndex + 1}-01";
                if (frozen.ContainsKey(meeting))
                {
                    continue; // a frozen agenda is not frozen again; returned and moved cases take numbers at their next meeting
                }

                var (first, changed) = CaseNumbering.Allocate(given, MeetingId.Parse(meeting), size);
                given = changed;
                if (!dies)
                {
                    frozen[meeting] = (first, size);
                }
            }

            var numbers = frozen.Values.SelectMany(f => Enumerable.Range(f.First, f.Count)).ToList();
            Assert.Equal(numbers.Count, numbers.Distinct().Count());
            foreach (var (meeting, (first, count)) in frozen)
            {
                Assert.Contains(given, a => a.MeetingId == meeting && a.First == first && a.Count == count);
            }
        }, iter: 2000);
    }
}
