using System.Text;
using System.Xml.Linq;
using Helsefellesskap.Functions.Archive;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Tests.Infrastructure;

namespace Helsefellesskap.Functions.Tests.Archive;

/// <summary>
/// arkivstruktur.xml as a records office receives it: valid against the Noark 5 v5.0 schema (xmllint), dates where the
/// schema wants dates, the year's period open until its last meeting is published, and every kind of exemption marked.
/// </summary>
public sealed class NoarkStructureTests
{
    private static readonly XNamespace N = NoarkStructure.Namespace;
    private static readonly DateTimeOffset Now = new(2027, 11, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly Body Ssu = new("ssu", "Strategisk samarbeidsutvalg", "SSU", "Helsefellesskap Helgeland", new BodyRules());

    [Fact]
    public async Task AYearStillRunning_ValidatesAgainstTheSchema_AndItsPeriodIsActive()
    {
        var xml = NoarkStructure.Write("Helsefellesskap Helgeland", Ssu, 2027, [Held(new DateOnly(2027, 2, 11), 1), Held(new DateOnly(2027, 10, 14), 2)], periodClosedAt: null, Now);

        Assert.Equal("", await Xmllint.Problems(xml, Xmllint.Noark5Schema));
        var doc = XDocument.Parse(Encoding.UTF8.GetString(xml));
        var part = doc.Root!.Element(N + "arkivdel")!;
        Assert.Equal(("Aktiv periode", "2027-01-01", "2027-12-31"),
            ((string?)part.Element(N + "arkivdelstatus"), (string?)part.Element(N + "arkivperiodeStartDato"), (string?)part.Element(N + "arkivperiodeSluttDato")));
        Assert.Equal("Avsluttet", (string?)doc.Root.Element(N + "arkivstatus")); // the extraction itself, closed when taken (avsluttetDato)
        Assert.Equal(["2027-02-11", "2027-10-14"], part.Elements(N + "mappe").Select(m => (string)m.Element(N + "moetedato")!));
        Assert.Empty(doc.Descendants(N + "mimeType"));
    }

    [Fact]
    public async Task AYearWhoseLastMeetingIsPublished_IsAClosedPeriod_EndingWhenItWasPublished()
    {
        var published = new DateTimeOffset(2027, 10, 28, 7, 0, 0, TimeSpan.Zero);
        var xml = NoarkStructure.Write("Helsefellesskap Helgeland", Ssu, 2027, [Held(new DateOnly(2027, 10, 14), 1)], published, Now);

        Assert.Equal("", await Xmllint.Problems(xml, Xmllint.Noark5Schema));
        var part = XDocument.Parse(Encoding.UTF8.GetString(xml)).Root!.Element(N + "arkivdel")!;
        Assert.Equal(("Avsluttet periode", "2027-10-28T09:00:00+02:00"), ((string?)part.Element(N + "arkivdelstatus"), (string?)part.Element(N + "avsluttetDato")));
    }

    [Fact]
    public async Task ExemptTitles_ExemptAttachments_AndAWholeExemptCase_AreEachMarked_AndStillValid()
    {
        var xml = NoarkStructure.Write("Helsefellesskap Helgeland", Ssu, 2027, [Held(new DateOnly(2027, 10, 14), 1)], null, Now);
        Assert.Equal("", await Xmllint.Problems(xml, Xmllint.Noark5Schema));

        var records = XDocument.Parse(Encoding.UTF8.GetString(xml)).Descendants(N + "registrering").Where(r => r.Element(N + "registreringsID") is not null).ToDictionary(r => (string)r.Element(N + "registreringsID")!);
        string[] Screened(XElement e) => e.Element(N + "skjerming")!.Elements(N + "skjermingMetadata").Select(m => (string)m).ToArray();

        // The title exempt: the registration's title and its documents' titles are screened, the public title shown.
        Assert.Equal([NoarkStructure.TitleOfRegistration, NoarkStructure.TitleOfDocument], Screened(records["3/27"]));
        Assert.Equal("Hele", (string?)records["3/27"].Element(N + "skjerming")!.Element(N + "skjermingDokument"));
        Assert.Equal("Unntatt offentlighet, offl. § 13", (string?)records["3/27"].Element(N + "offentligTittel"));

        // One attachment exempt: the registration exempt in part, the attachment's document in whole; the paper itself not.
        Assert.Equal([NoarkStructure.TitleOfDocument], Screened(records["4/27"]));
        Assert.Equal("Delvis", (string?)records["4/27"].Element(N + "skjerming")!.Element(N + "skjermingDokument"));
        var documents = records["4/27"].Elements(N + "dokumentbeskrivelse").ToList();
        Assert.Null(documents[0].Element(N + "skjerming"));
        Assert.Equal(("24", "Hele"), ((string?)documents[1].Element(N + "skjerming")!.Element(N + "tilgangsrestriksjon"), (string?)documents[1].Element(N + "skjerming")!.Element(N + "skjermingDokument")));
        Assert.Null(records["2/27"].Element(N + "skjerming"));
    }

    /// <summary>A meeting held: its summons, an open case, a case with its title exempt, a case with one exempt attachment, and its minutes.</summary>
    private static ArchivedMeeting Held(DateOnly date, int number)
    {
        var meeting = new Meeting(MeetingId.For("ssu", date, MeetingKind.Ordinary), "ssu", date, new TimeOnly(10, 0), new TimeOnly(14, 0), "Mosjøen", null,
            MeetingKind.Ordinary, MeetingStatus.Planned);
        var folder = $"dokumenter/{meeting.Id}";
        var at = Functions.Common.Oslo.At(date, new TimeOnly(15, 0));
        ArchivedFile File(string name, Exemption? exemption = null) =>
            new($"{folder}/{name}", name, name.EndsWith(".docx", StringComparison.Ordinal) ? "DOCX" : "PDF/A-2b", !name.EndsWith(".docx", StringComparison.Ordinal), [1, 2, 3], "039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81", exemption);
        var title = new Exemption("offl. § 13", "Taushetsplikt", Title: true);
        var attachment = new Exemption("offl. § 24 andre ledd", "Kontrolltiltak", Attachments: [1]);
        return new ArchivedMeeting(meeting, number, [("Kari Nordmann", "Medlem"), ("Ola Nordmann", "Varamedlem for Per Hansen")], at,
        [
            new("Innkalling og saksliste – SSU", null, "Møteinnkalling", "Innkalling", null, null, null, at, File("innkalling.pdf"), []),
            new("Sak 2/27 Felles rutine", null, "Saksframlegg", "Saksframlegg", "2/27", "Beslutningssak", null, at, File("sak-02.pdf"), [File("sak-02-vedlegg-1.docx")]),
            new("Sak 3/27 Avtale for en navngitt pasient", title.Notice, "Saksframlegg", "Saksframlegg", "3/27", "Beslutningssak", title, at, File("sak-03.pdf"), []),
            new("Sak 4/27 Tilsyn", null, "Saksframlegg", "Saksframlegg", "4/27", "Orienteringssak", attachment, at, File("sak-04.pdf"), [File("sak-04-vedlegg-1.pdf", attachment)]),
            new("Referat – SSU", null, "Møtebok", "Referat", null, null, null, at, File("referat.pdf"), []),
        ]);
    }
}
