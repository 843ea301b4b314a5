using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Compliance;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Minutes;
using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Archive;

/// <summary>
/// A file of the package: where it lies, its title, its format ("PDF/A-2b"; an attachment that is not a PDF keeps
/// its own, "DOCX", as a production format), and, for a case's attachment, the exemption that covers it.
/// </summary>
public sealed record ArchivedFile(string Path, string Title, string Format, bool ArchiveFormat, byte[] Content, string Sha256, Exemption? Exemption = null);

/// <summary>A remark (merknad) on a registration: a correction of approved minutes, when and by whom.</summary>
public sealed record ArchivedRemark(string Text, string Type, DateTimeOffset At, string By);

/// <summary>One registration of the package: the main document and its attachments, what it is, its exemption if it has one, and its remarks.</summary>
public sealed record ArchivedDocument(string Title, string? PublicTitle, string RecordType, string DocumentType, string? RegistrationId, string? CaseKind,
    Exemption? Exemption, DateTimeOffset Created, ArchivedFile Main, IReadOnlyList<ArchivedFile> Attachments, IReadOnlyList<ArchivedRemark>? Remarks = null)
{
    public IEnumerable<ArchivedFile> Files => Attachments.Prepend(Main);
}

/// <summary>A meeting held and approved: its documents and who took part.</summary>
public sealed record ArchivedMeeting(Meeting Meeting, int Number, IReadOnlyList<(string Name, string Function)> Participants, DateTimeOffset? ApprovedAt, IReadOnlyList<ArchivedDocument> Documents);

/// <summary>
/// The archive export of a body's year (docs/adr/0014-archive-export.md): for every meeting whose minutes
/// are approved, the summons and agenda, each case paper, the minutes and the compliance appendix, all in
/// full (exempt ones marked) and converted to PDF/A-2b; arkivstruktur.xml after Noark 5's structure for
/// meeting records; and sjekksummer.sha256 over every file. A zip a records office can take in.
/// </summary>
public sealed class ArchiveExport(MeetingStore meetings, AgendaService agendas, MinutesStore minutes, MeetingPapers papers, DocumentStore documents,
    ComplianceTimeline compliance, DocumentRenderer renderer, PdfA pdfa, StorageClients storage, IMeetingCycle cycle, IOptions<CommunityOptions> community, TimeProvider clock)
{
    public const string Structure = "arkivstruktur.xml";
    public const string Checksums = "sjekksummer.sha256";

    /// <summary>The package as a zip, or null when the body does not exist.</summary>
    public async Task<byte[]?> Export(string bodyCode, int year, CancellationToken ct = default)
    {
        var body = await meetings.FindBody(bodyCode, ct);
        if (body is null)
        {
            return null;
        }

        var held = new List<ArchivedMeeting>();
        var published = new List<DateTimeOffset?>();
        foreach (var meeting in (await meetings.Plan(body.Code, ct)).Where(m => m.Date.Year == year && m.Status == MeetingStatus.Planned))
        {
            // A meeting not approved costs one read.
            var state = await minutes.Get(meeting.Id, ct);
            published.Add(state.PublishedAt);
            if (state.ApprovedAt is not null && await MeetingOf(body, meeting, state, held.Count + 1, ct) is { } archived)
            {
                held.Add(archived);
            }
        }

        // The year's period is closed once its last meeting's minutes are published (a year without meetings stays open).
        var closedAt = published.Count > 0 && published.All(p => p is not null) ? published.Max() : null;

        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in held.SelectMany(m => m.Documents).SelectMany(d => d.Files))
        {
            files[file.Path] = file.Content;
        }

        files[Structure] = NoarkStructure.Write(community.Value.Name, body, year, held, closedAt, clock.GetUtcNow());
        var sums = string.Concat(files.Select(f => $"{Sha256(f.Value)}  {f.Key}\n"));
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files.Append(new(Checksums, Encoding.UTF8.GetBytes(sums))))
            {
                await using var entry = await archive.CreateEntry(path, CompressionLevel.Optimal).OpenAsync(ct);
                await entry.WriteAsync(content, ct);
            }
        }

        return zip.ToArray();
    }

    private async Task<ArchivedMeeting?> MeetingOf(Body body, Meeting meeting, MinutesState state, int number, CancellationToken ct)
    {
        // The compliance timeline's facts give the roster too.
        if (state.ApprovedAt is null || await compliance.Facts(meeting.Id, ct) is not { } facts || state.Outcome is not { } outcome
            || await agendas.Agenda(meeting.Id, ct) is not { } agenda
            || await documents.Latest($"{DocumentStore.MeetingFolder(community.Value.Name, body, meeting)}/referat", ct) is not { } approved)
        {
            return null;
        }


        var folder = $"dokumenter/{meeting.Id}";
        var list = new List<ArchivedDocument>();
        async Task Add(string name, byte[] pdf, string title, string? publicTitle, string recordType, string documentType, DateTimeOffset created,
            string? registration = null, CaseRecord? c = null, IReadOnlyList<Upload>? uploads = null)
        {
            var converted = await pdfa.Convert(pdf, Described(title, recordType), created, ct);
            var main = new ArchivedFile($"{folder}/{name}.pdf", title, "PDF/A-2b", true, converted, Sha256(converted));
            var attachments = await AttachmentsOf(uploads ?? [], $"{folder}/{name}", title, created, ct);
            list.Add(new ArchivedDocument(title, publicTitle, recordType, documentType, registration, c is null ? null : CaseLabels.Kind(c.Kind), c?.Exemption, created, main, attachments));
        }

        var when = Norwegian.ShortDate(meeting.Date);
        // The summons as it went out; a summons that never went is the agenda as frozen, and says so.
        var summons = (await papers.Summons(agenda, ct)).Content;
        if (await cycle.SummonsSentAt(meeting.Id, ct) is { } sentAt)
        {
            await Add("innkalling", summons, $"Innkalling og saksliste – {body.ShortName} {when}", null, "Møteinnkalling", "Innkalling", sentAt);
        }
        else
        {
            await Add("innkalling", summons, $"Saksliste – {body.ShortName} {when} (innkallingen ble ikke sendt ut)", null, "Saksliste", "Saksliste",
                agenda.State.FrozenAt ?? meeting.AddedAt ?? Oslo.StartOfDay(meeting.Date));
        }

        foreach (var item in agenda.Items.Where(i => i.CaseId is not null))
        {
            var c = agenda.Cases.First(x => x.Id == item.CaseId);
            await Add($"sak-{item.Number:00}", (await papers.CasePaper(c, agenda, ct)).Content, $"Sak {item.Label} {c.Title}", c.Exemption is { Title: true } ? c.PublicTitle : null,
                "Saksframlegg", "Saksframlegg", c.ReceivedAt, item.Label, c,
                c.Attachments.Select(a => new Upload(a.Index, a.FileName, a.ContentType, a.BlobName, c.Exemption is { } e && e.Covers(a) ? e : null)).ToList());
        }

        // The minutes with the files added after the meeting (presentations); one for an exempt case keeps its exemption.
        var exemptions = agenda.Cases.Where(c => c.Exemption is not null).ToDictionary(c => c.Id, c => c.Exemption!);
        await Add("referat", await documents.Read(approved.BlobName, ct), $"Referat – {body.ShortName} {when}{(state.AllCorrections.Count > 0 ? " (rettet)" : "")}", null, "Møtebok", "Referat", state.ApprovedAt.Value,
            uploads: state.AddedFiles.Select(f => new Upload(f.Index, f.FileName, f.ContentType, f.BlobName, f.CaseId is { } id ? exemptions.GetValueOrDefault(id) : null)).ToList());
        if (state.AllCorrections.Count > 0)
        {
            list[^1] = await WithEarlierVersions(list[^1], state, $"{DocumentStore.MeetingFolder(community.Value.Name, body, meeting)}/referat", approved.Version, $"{folder}/referat", ct);
        }

        await Add("etterlevelse", (await ComplianceFeature.RenderAppendix(facts, compliance, renderer, ct)).Pdf, $"Etterlevelse av fristene – {body.ShortName} {when}", null,
            "Vedlegg til møtebok", "Vedlegg", state.ApprovedAt.Value);

        var roster = facts.Roster;
        var participants = roster.Where(m => outcome.Present.Contains(m.Id))
            .Select(m => (m.Name, m.Role switch
            {
                MemberRole.Member => "Medlem",
                MemberRole.Deputy => outcome.StandIns.TryGetValue(m.Id, out var replaced) ? $"Varamedlem for {roster.FirstOrDefault(r => r.Id == replaced)?.Name ?? replaced}" : "Varamedlem",
                MemberRole.SpeakingRight => "Møte- og talerett",
                _ => "Observatør",
            }))
            .ToList();
        return new ArchivedMeeting(meeting, number, participants, state.ApprovedAt, list);
    }

    /// <summary>
    /// A case's attachments (vedlegg), or the files added to the minutes: a PDF converted to PDF/A like the papers (kept as it came if Ghostscript
    /// cannot read it); any other file (DOCX, XLSX, PPTX, PNG, JPEG) as it came, in its production format, for the
    /// records office to convert — nothing here can turn an office file into PDF/A.
    /// </summary>
    private async Task<IReadOnlyList<ArchivedFile>> AttachmentsOf(IReadOnlyList<Upload> uploads, string stem, string of, DateTimeOffset created, CancellationToken ct)
    {
        var container = await storage.Container(StorageNames.AttachmentsContainer);
        var files = new List<ArchivedFile>();
        foreach (var a in uploads.OrderBy(a => a.Index))
        {
            var content = (await container.GetBlobClient(a.BlobName).DownloadContentAsync(ct)).Value.Content.ToArray();
            var extension = System.IO.Path.GetExtension(a.FileName).TrimStart('.').ToLowerInvariant();
            var exempt = a.Exemption;
            var title = $"Vedlegg {a.Index}: {a.FileName}";
            if (a.ContentType == "application/pdf")
            {
                try
                {
                    var converted = await pdfa.Convert(content, Described(title, $"Vedlegg til {of}"), created, ct);
                    files.Add(new ArchivedFile($"{stem}-vedlegg-{a.Index}.pdf", title, "PDF/A-2b", true, converted, Sha256(converted), exempt));
                    continue;
                }
                catch (InvalidOperationException)
                {
                    extension = "pdf";
                }
            }

            files.Add(new ArchivedFile($"{stem}-vedlegg-{a.Index}.{(extension.Length > 0 ? extension : "bin")}", title, extension.ToUpperInvariant(), false, content, Sha256(content), exempt));
        }

        return files;
    }

    /// <summary>What an archived PDF says of itself (document info and XMP): its title, the community's secretariat, and what it is.</summary>
    private DocumentInfo Described(string title, string subject) => new(title, $"{community.Value.Name} – sekretariatet", subject, "");

    /// <summary>
    /// Corrected minutes: the versions they replaced (the approved one and any correction before the last), each as
    /// PDF/A after the files of the minutes, and a remark (merknad) per correction with who, when and why.
    /// </summary>
    private async Task<ArchivedDocument> WithEarlierVersions(ArchivedDocument minutes, MinutesState state, string stored, int latest, string stem, CancellationToken ct)
    {
        var earlier = new List<ArchivedFile>();
        for (var version = 1; version < latest; version++)
        {
            var title = $"Referat, versjon {version} (før rettelse)";
            var converted = await pdfa.Convert(await documents.Read(Storage.VersionedBlobs.NameOf(stored, version, stableFirst: false), ct), Described(title, "Møtebok"), minutes.Created, ct);
            earlier.Add(new ArchivedFile($"{stem}-versjon-{version}.pdf", title, "PDF/A-2b", true, converted, Sha256(converted)));
        }

        var remarks = state.AllCorrections.Select(c => new ArchivedRemark($"Rettelse (versjon {c.Version}): {c.Reason}", "Rettelse", c.At, c.By)).ToList();
        return minutes with { Attachments = [.. minutes.Attachments, .. earlier], Remarks = remarks };
    }

    /// <summary>A file uploaded to the app (a case's attachment, a file added to the minutes), and the exemption that covers it.</summary>
    private sealed record Upload(int Index, string FileName, string ContentType, string BlobName, Exemption? Exemption);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
