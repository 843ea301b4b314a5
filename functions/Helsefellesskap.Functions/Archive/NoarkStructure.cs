using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Archive;

/// <summary>
/// arkivstruktur.xml after Noark 5's archive structure for meeting records: arkiv (the community) → arkivdel
/// (the body's year) → moetemappe per meeting (number, body, date, place, participants) → moeteregistrering
/// per document (the summons, each case, the minutes, the appendix) → dokumentbeskrivelse → dokumentobjekt
/// (the PDF/A file, its SHA-256 and size). An exempt case carries skjerming with its legal basis.
/// </summary>
public static class NoarkStructure
{
    public const string Namespace = "http://www.arkivverket.no/standarder/noark5/arkivstruktur";
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private const string Secretariat = "Samhandlingssekretariatet";

    /// <summary>M502: the registration's title is replaced by its public title.</summary>
    public const string TitleOfRegistration = "Skjerming tittel registrering - utvalgte ord";

    /// <summary>M502: the document's title (the case's title, an attachment's file name) is screened with it.</summary>
    public const string TitleOfDocument = "Skjerming tittel dokumentbeskrivelse";

    /// <summary>The structure of a body's year.</summary>
    /// <param name="periodClosedAt">When the year's last meeting was published, if every meeting of the year is; null while the year is open.</param>
    public static byte[] Write(string community, Body body, int year, IReadOnlyList<ArchivedMeeting> meetings, DateTimeOffset? periodClosedAt, DateTimeOffset now)
    {
        using var stream = new MemoryStream();
        using (var x = XmlWriter.Create(stream, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
        {
            x.WriteStartDocument();
            x.WriteStartElement("arkiv", Namespace);
            x.WriteAttributeString("xmlns", "xsi", null, Xsi);
            // An extraction is a closed copy: v5.0 requires avsluttetDato on arkiv and arkivdel, so the extraction's
            // arkiv is "Avsluttet" when it was taken; whether the year itself is closed is the arkivdel's status.
            Element(x, "systemID", Id(community));
            Element(x, "tittel", $"{community} – møter");
            Element(x, "arkivstatus", "Avsluttet");
            Element(x, "dokumentmedium", "Elektronisk arkiv");
            Element(x, "opprettetDato", Time(now));
            Element(x, "opprettetAv", Secretariat);
            Element(x, "avsluttetDato", Time(now));
            Element(x, "avsluttetAv", Secretariat);
            x.WriteStartElement("arkivskaper", Namespace);
            Element(x, "arkivskaperID", Slug.Of(community));
            Element(x, "arkivskaperNavn", community);
            x.WriteEndElement();

            x.WriteStartElement("arkivdel", Namespace);
            Element(x, "systemID", Id($"{community}/{body.Code}/{year}"));
            Element(x, "tittel", $"{body.Name} ({body.ShortName}) {year}");
            Element(x, "arkivdelstatus", periodClosedAt is null ? "Aktiv periode" : "Avsluttet periode");
            Element(x, "dokumentmedium", "Elektronisk arkiv");
            Element(x, "opprettetDato", Time(Oslo.StartOfDay(new DateOnly(year, 1, 1))));
            Element(x, "opprettetAv", Secretariat);
            // An active period's avsluttetDato is when the extraction was taken (the schema requires one).
            Element(x, "avsluttetDato", Time(periodClosedAt ?? now));
            Element(x, "avsluttetAv", Secretariat);
            Element(x, "arkivperiodeStartDato", Date(new DateOnly(year, 1, 1)));
            Element(x, "arkivperiodeSluttDato", Date(new DateOnly(year, 12, 31)));
            foreach (var m in meetings)
            {
                Meeting(x, community, body, m, now);
            }

            x.WriteEndElement();
            x.WriteEndElement();
            x.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void Meeting(XmlWriter x, string community, Body body, ArchivedMeeting m, DateTimeOffset now)
    {
        // v5.0's moetemappe extends mappe: the folder's own fields and its registrations come first, then the meeting's.
        var meeting = m.Meeting;
        x.WriteStartElement("mappe", Namespace);
        x.WriteAttributeString("xsi", "type", Xsi, "moetemappe");
        Element(x, "systemID", Id($"{community}/{meeting.Id}"));
        Element(x, "mappeID", meeting.Id.Value);
        Element(x, "tittel", $"Møte i {body.Name} {Norwegian.LongDate(meeting.Date)}");
        Element(x, "dokumentmedium", "Elektronisk arkiv");
        Element(x, "opprettetDato", Time(meeting.AddedAt ?? Oslo.StartOfDay(meeting.Date)));
        Element(x, "opprettetAv", Secretariat);
        Element(x, "avsluttetDato", Time(m.ApprovedAt ?? now));
        Element(x, "avsluttetAv", Secretariat);
        foreach (var d in m.Documents)
        {
            Record(x, community, d, now);
        }

        Element(x, "moetenummer", $"{m.Number}/{meeting.Date.Year}");
        Element(x, "utvalg", body.Name);
        Element(x, "moetedato", Date(meeting.Date));
        Element(x, "moetested", meeting.Location);
        foreach (var (name, function) in m.Participants)
        {
            x.WriteStartElement("moetedeltaker", Namespace);
            Element(x, "moetedeltakerNavn", name);
            Element(x, "moetedeltakerFunksjon", function);
            x.WriteEndElement();
        }

        x.WriteEndElement();
    }

    private static void Record(XmlWriter x, string community, ArchivedDocument d, DateTimeOffset now)
    {
        // v5.0's order: the registration's dates, its exemption and its documents, then its number and titles; moeteregistrering's own fields last.
        x.WriteStartElement("registrering", Namespace);
        x.WriteAttributeString("xsi", "type", Xsi, "moeteregistrering");
        Element(x, "systemID", Id($"{community}/{d.Main.Path}"));
        Element(x, "opprettetDato", Time(d.Created));
        Element(x, "opprettetAv", Secretariat);
        Element(x, "arkivertDato", Time(now));
        Element(x, "arkivertAv", Secretariat);
        if (d.Exemption is { } e)
        {
            Skjerming(x, e, e.Title ? [TitleOfRegistration, TitleOfDocument] : [TitleOfDocument], e.WholeCase ? "Hele" : "Delvis");
        }

        var number = 0;
        foreach (var file in d.Files)
        {
            Description(x, community, d, file, ++number, now);
        }

        if (d.RegistrationId is { } registration)
        {
            Element(x, "registreringsID", registration);
        }

        Element(x, "tittel", d.Title);
        if (d.PublicTitle is { } publicTitle)
        {
            Element(x, "offentligTittel", publicTitle);
        }

        foreach (var remark in d.Remarks ?? [])
        {
            x.WriteStartElement("merknad", Namespace);
            Element(x, "merknadstekst", remark.Text);
            Element(x, "merknadstype", remark.Type);
            Element(x, "merknadsdato", Time(remark.At));
            Element(x, "merknadRegistrertAv", remark.By);
            x.WriteEndElement();
        }

        Element(x, "moeteregistreringstype", d.RecordType);
        if (d.CaseKind is { } kind)
        {
            Element(x, "moetesakstype", kind);
        }

        Element(x, "administrativEnhet", Secretariat);
        Element(x, "saksbehandler", Secretariat);
        x.WriteEndElement();
    }

    /// <summary>A document of the registration (the main one, then each attachment) and its one object, the file.</summary>
    private static void Description(XmlWriter x, string community, ArchivedDocument d, ArchivedFile file, int number, DateTimeOffset now)
    {
        x.WriteStartElement("dokumentbeskrivelse", Namespace);
        Element(x, "systemID", Id($"{community}/{file.Path}/beskrivelse"));
        Element(x, "dokumenttype", number == 1 ? d.DocumentType : "Vedlegg");
        Element(x, "dokumentstatus", "Dokumentet er ferdigstilt");
        Element(x, "tittel", file.Title);
        Element(x, "opprettetDato", Time(d.Created));
        Element(x, "opprettetAv", Secretariat);
        Element(x, "tilknyttetRegistreringSom", number == 1 ? "Hoveddokument" : "Vedlegg");
        Element(x, "dokumentnummer", number.ToString(CultureInfo.InvariantCulture));
        Element(x, "tilknyttetDato", Time(now));
        Element(x, "tilknyttetAv", Secretariat);
        if (file.Exemption is { } e)
        {
            Skjerming(x, e, [TitleOfDocument], "Hele");
        }

        x.WriteStartElement("dokumentobjekt", Namespace);
        Element(x, "systemID", Id($"{community}/{file.Path}/objekt"));
        Element(x, "versjonsnummer", "1");
        Element(x, "variantformat", file.ArchiveFormat ? "Arkivformat" : "Produksjonsformat");
        Element(x, "format", file.Format);
        Element(x, "opprettetDato", Time(now));
        Element(x, "opprettetAv", Secretariat);
        Element(x, "referanseDokumentfil", file.Path);
        Element(x, "sjekksum", file.Sha256);
        Element(x, "sjekksumAlgoritme", "SHA-256");
        Element(x, "filstoerrelse", file.Content.Length.ToString(CultureInfo.InvariantCulture));

        x.WriteEndElement();
        x.WriteEndElement();
    }

    /// <summary>
    /// "Unntatt offentlighet" with its legal basis, which metadata is screened (v5.0 requires at least one; the values are
    /// the metadata catalogue's, M502) and whether the document is exempt in whole or in part.
    /// </summary>
    private static void Skjerming(XmlWriter x, Cases.Exemption e, IReadOnlyList<string> metadata, string document)
    {
        x.WriteStartElement("skjerming", Namespace);
        Element(x, "tilgangsrestriksjon", Restriction(e.LegalBasis));
        Element(x, "skjermingshjemmel", e.LegalBasis);
        foreach (var screened in metadata)
        {
            Element(x, "skjermingMetadata", screened);
        }

        Element(x, "skjermingDokument", document);
        x.WriteEndElement();
    }

    /// <summary>The access restriction code Noark uses for a legal basis: the paragraph number ("offl. § 13" → "13"), else the basis as written.</summary>
    public static string Restriction(string legalBasis)
    {
        var paragraph = legalBasis.Split('§', 2) is [_, var rest] ? new string(rest.Trim().TakeWhile(char.IsDigit).ToArray()) : "";
        return paragraph.Length > 0 ? paragraph : legalBasis;
    }

    /// <summary>A systemID that is the same each time the same thing is exported (a UUID from a SHA-256 of its name).</summary>
    public static string Id(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset instant) => Oslo.LocalTime(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void Element(XmlWriter x, string name, string value) => x.WriteElementString(name, Namespace, value);
}
