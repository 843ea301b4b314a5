using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;

namespace Helsefellesskap.Functions.Tests.Minutes;

/// <summary>The words of the minutes, as the real ones write them (SSU 23.06.2025): what item 1 says, what an information case and a proposal voted down say.</summary>
public sealed class MinutesWordsTests
{
    private static readonly AgendaItem Approval = new(1, AgendaRules.Approval, CaseKind.Decision, null, 2027);

    private static MeetingOutcome Outcome(bool quorum, string? remark = null) => new([], new Dictionary<string, string>(), quorum, [], null, null, remark);

    [Fact]
    public void Item1_IsApproved_AtAMeetingWithQuorum()
    {
        var view = MinutesItems.Standing(Approval, Outcome(quorum: true), DecisionRule.MajorityInEachParty, []);
        Assert.Equal(("Vedtak", "Innkalling og saksliste godkjennes."), (view.Heading, view.Text));
    }

    [Fact]
    public void Item1_CarriesTheMeetingsRemark()
    {
        var view = MinutesItems.Standing(Approval, Outcome(quorum: true, "Sak 4/27 ble behandlet før sak 3/27."), DecisionRule.MajorityInEachParty, []);
        Assert.Equal(("Vedtak", "Innkalling og saksliste godkjennes med merknad.\n\nMerknad: Sak 4/27 ble behandlet før sak 3/27."), (view.Heading, view.Text));
    }

    [Fact]
    public void AMeetingWithoutQuorum_ApprovesNothing()
    {
        var view = MinutesItems.Standing(Approval, Outcome(quorum: false), DecisionRule.MajorityInEachParty, []);
        Assert.Equal(("Ikke vedtaksført", "Møtet var ikke vedtaksført, og innkalling og saksliste ble ikke godkjent."), (view.Heading, view.Text));
    }

    [Fact]
    public void TheDialogueMeeting_GoesThroughItsAgenda_WithoutADecision()
    {
        var view = MinutesItems.Standing(Approval, Outcome(quorum: false), DecisionRule.None, []);
        Assert.Equal(("Drøftet", "Innkalling og saksliste ble gjennomgått."), (view.Heading, view.Text));
    }

    [Fact]
    public void AnInformationCase_IsMinutedAsADecision_ToTakeItAsInformation()
    {
        var o = new ItemOutcome("c", ItemResult.TakenAsInformation, MeetingRules.DefaultText(CaseKind.Information, ItemResult.TakenAsInformation, ""), [], true);
        Assert.Equal(("Vedtak", "Saken tas til orientering."), MinutesItems.Words(CaseKind.Information, o));
        Assert.Equal("Saken tas til orientering.", o.Decision);
    }

    [Fact]
    public void EachCase_RepeatsItsPapersHeaderAndSections_AndAPublicCopyHasTheExemptPartsReplaced()
    {
        var body = new Body("ssu", "Strategisk samarbeidsutvalg", "SSU", "Helsefellesskap Helgeland", new BodyRules());
        var exemption = new Exemption("offl. § 13", "Taushetsplikt", Title: true, Sections: ["background"]);
        var c = new CaseRecord("HFH-2025-0031", new CaseSubmission("ssu", "Avtale for pasienten Kari", CaseKind.Decision, "Rana kommune",
            new Submitter("Åse", "ase@example.org", "Rana kommune"), "Avtalen gjelder ett forløp.", "Pasienten har diagnosen X.", "Sekretariatet anbefaler avtalen.", ["Avtalen godkjennes."], null, exemption),
            [], CaseStatus.Treated, "ssu-2025-06-23", new DateOnly(2025, 6, 23), DateTimeOffset.UnixEpoch, null);
        var item = new AgendaItem(31, c.Title, CaseKind.Decision, c.Id, 2025);
        var outcome = new ItemOutcome(c.Id, ItemResult.Adopted, "Avtalen godkjennes.", [], true);

        var full = MinutesItems.Case(item, c, outcome, hidden: false, _ => null, [], body);
        Assert.Equal(new CasePaperView("Strategisk samarbeidsutvalg (SSU)", "Rana kommune", "Sak 31-2025", "Avtalen gjelder ett forløp.", "Pasienten har diagnosen X.", "Sekretariatet anbefaler avtalen."), full.Paper);
        Assert.Equal("Avtale for pasienten Kari", full.Title);

        var open = MinutesItems.Case(item, c.PublicVersion(), outcome, hidden: false, _ => null, [], body);
        Assert.Equal(("Unntatt offentlighet, offl. § 13", "Unntatt offentlighet, offl. § 13.", "Avtalen gjelder ett forløp."), (open.Title, open.Paper!.Background, open.Paper.Summary));
    }

    [Fact]
    public void AProposalVotedDown_IsNotAdopted_InWordsOfItsOwn()
    {
        var o = new ItemOutcome("c", ItemResult.NotAdopted, MeetingRules.DefaultText(CaseKind.Decision, ItemResult.NotAdopted, "1. Forslaget."), [], false);
        Assert.Equal(("Vedtak", "Ikke vedtatt."), MinutesItems.Words(CaseKind.Decision, o));
        Assert.Equal("Forslaget til vedtak ble ikke vedtatt.", o.Decision);
        Assert.Equal("Ikke vedtatt", MinutesDocument.ResultLabel(ItemResult.NotAdopted));
    }
}
