using System.Text;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Agenda;

/// <summary>
/// The documents of a meeting, made from what is stored: the case paper of each case, the summons
/// with the agenda, and the packet (sakspapirer). Each is rendered only when its source changed since
/// the version in blob storage.
/// </summary>
public sealed class MeetingPapers(
    DocumentRenderer renderer,
    DocumentStore store,
    MeetingStore meetings,
    CaseStore cases,
    AgendaService agendas,
    StorageClients storage,
    IOptions<CommunityOptions> community,
    IOptions<SecretariatOptions> secretariat)
{
    public Task<MeetingAgenda?> Agenda(MeetingId meetingId, CancellationToken ct = default) => agendas.Agenda(meetingId, ct);

    public async Task<StoredDocument?> CasePaper(string caseId, CancellationToken ct = default)
    {
        var found = await cases.Find(caseId, ct);
        if (found is null)
        {
            return null;
        }

        var agenda = found.Meeting is not { } meeting ? null : await Agenda(meeting, ct);
        var body = agenda?.Body ?? await meetings.FindBody(found.Body, ct) ?? throw new InvalidOperationException($"Case {caseId} names unknown body {found.Body}.");
        var (template, model, info) = CasePaperSource(found, body, agenda);
        return await RenderAndStore(Path(body, agenda?.Meeting, $"saksfremlegg-{found.Id}", found.ReceivedAt), template, model, info, ct);
    }

    /// <summary>A case's paper as it stood on a meeting's agenda (the case may since have moved on to a later meeting).</summary>
    /// <param name="restricted">The public version: exempt sections replaced by the notice (<see cref="CaseRecord.PublicVersion"/>).</param>
    public async Task<StoredDocument> CasePaper(CaseRecord c, MeetingAgenda agenda, CancellationToken ct = default, bool restricted = false)
    {
        restricted &= c.Exemption is not null;
        var (template, model, info) = CasePaperSource(restricted ? c.PublicVersion() : c, agenda.Body, agenda);
        return await RenderAndStore(Path(agenda.Body, agenda.Meeting, restricted ? $"saksfremlegg-{c.Id}-begrenset" : $"saksfremlegg-{c.Id}", c.ReceivedAt), template, model, info, ct);
    }

    /// <summary>
    /// Whether a meeting's papers come in two versions: the full one for members and deputies, and a
    /// restricted one (public, and for observers and speaking-right participants) without what is exempt.
    /// </summary>
    public static bool HasExempt(MeetingAgenda agenda) => agenda.Cases.Any(c => c.Exemption is not null);

    /// <param name="restricted">The version without exempt titles, for the public and for those not entitled to exempt papers.</param>
    public async Task<StoredDocument?> Summons(MeetingId meetingId, CancellationToken ct = default, bool restricted = false) =>
        await Agenda(meetingId, ct) is { } agenda ? await Summons(agenda, ct, restricted) : null;

    /// <summary>The summons of an agenda already read (a step that needs several documents reads it once).</summary>
    public async Task<StoredDocument> Summons(MeetingAgenda agenda, CancellationToken ct = default, bool restricted = false)
    {
        restricted &= HasExempt(agenda);
        var (template, model, info) = SummonsSource(agenda, restricted);
        return await RenderAndStore(Path(agenda.Body, agenda.Meeting, restricted ? "innkalling-begrenset" : "innkalling", default), template, model, info, ct);
    }

    /// <summary>The attachments the packet takes in: PDFs (their pages) and images (a page each); office files are listed in the case paper only.</summary>
    private static readonly HashSet<string> InPacket = [AttachmentTypes.Pdf.ContentType, AttachmentTypes.Png.ContentType, AttachmentTypes.Jpeg.ContentType];

    /// <summary>
    /// The packet: summons and agenda, then each case paper followed by its PDF attachments, bookmarked.
    /// The restricted packet has, for an exempt case, one page saying it is exempt and on what basis, and
    /// none of its attachments.
    /// </summary>
    /// <param name="grantedTo">For a restricted packet: the person it is for, who gets in full the exempt cases the secretariat granted them.</param>
    public async Task<StoredDocument?> Packet(MeetingId meetingId, CancellationToken ct = default, bool restricted = false, string? grantedTo = null) =>
        await Agenda(meetingId, ct) is { } agenda ? await Packet(agenda, ct, restricted, grantedTo) : null;

    /// <summary>The packet of an agenda already read.</summary>
    public async Task<StoredDocument> Packet(MeetingAgenda agenda, CancellationToken ct = default, bool restricted = false, string? grantedTo = null)
    {
        restricted &= HasExempt(agenda);
        var granted = restricted && agenda.Cases.Any(c => c.Exemption?.IsGrantedTo(grantedTo) == true) ? grantedTo : null;
        var (sources, html, packetInfo) = await PacketSource(agenda, restricted, granted);
        var sourceHash = DocumentRenderer.Sha256(string.Join("\n", sources.SelectMany(s => s.Files.Select(p => p.Sha256)).Prepend(DocumentRenderer.Sha256(html))));
        var path = Path(agenda.Body, agenda.Meeting, granted is not null ? $"sakspapirer-begrenset-{Slug.Of(granted)}" : restricted ? "sakspapirer-begrenset" : "sakspapirer", default);
        if (await store.Current(path, sourceHash, ct) is { } current)
        {
            return current;
        }

        // The attachments are read from storage while Chromium prints.
        var container = await storage.Container(StorageNames.AttachmentsContainer);
        var downloads = sources.Select(s => s.Files.Select(a => container.GetBlobClient(a.BlobName).DownloadContentAsync(ct)).ToList()).ToList();
        var printed = await renderer.Print(html, packetInfo, ct, numberPages: false);
        var parts = new List<PacketPart>();
        foreach (var (s, files) in sources.Zip(downloads))
        {
            var attachments = new List<PacketAttachment>();
            foreach (var (a, content) in s.Files.Zip(files))
            {
                attachments.Add(new PacketAttachment($"Vedlegg {a.Index}: {a.FileName}", $"Vedlegg {a.Index} til sak {s.Number}", a.ContentType,
                    (await content).Value.Content.ToArray()));
            }

            parts.Add(new PacketPart(s.Bookmark, attachments));
        }

        return await store.Save(path, PacketBuilder.Merge(printed.Pdf, parts, packetInfo), sourceHash, ct);
    }

    private async Task<StoredDocument> RenderAndStore(string path, string template, object model, DocumentInfo info, CancellationToken ct)
    {
        var html = await renderer.Html(template, model, info);
        var hash = DocumentRenderer.Sha256(html);
        if (await store.Current(path, hash, ct) is { } current)
        {
            return current;
        }

        var printed = await renderer.Print(html, info, ct);
        return await store.Save(path, printed.Pdf, printed.SourceSha256, ct);
    }

    private (string Template, object Model, DocumentInfo Info) CasePaperSource(CaseRecord c, Body body, MeetingAgenda? agenda)
    {
        var item = agenda?.Items.FirstOrDefault(i => i.CaseId == c.Id);
        var number = item?.Label ?? "ikke tildelt";
        var model = new CasePaperModel(
            BodyView.Of(body),
            agenda is null ? new MeetingView("ikke fastsatt", "", "", "", "", null) : MeetingView.Of(agenda.Meeting),
            new CaseView(number, c.Title, c.From, CaseLabels.Kind(c.Kind), c.Content.Summary, c.Content.Background, c.Content.Assessment, c.ProposedDecision,
                c.Exemption is null ? null : new ExemptionView(ExemptParts(c))),
            c.Attachments.Select(a => new AttachmentView(a.FileName)).ToList());
        var info = Info(body, agenda?.Meeting, $"Sak {number} {c.Title}", $"Saksfremlegg til {body.Name}");
        if (item is not null)
        {
            // The real papers head every page "Sak 10-2025".
            info = info with { Header = $"Sak {item.HeaderLabel} · {info.Header}" };
        }

        return (DocumentTemplates.CasePaper, model, info);
    }

    /// <summary>The basis, and which parts are exempt when not the whole case: "offl. § 13 (gjelder vurdering, vedlegg 2)".</summary>
    private static string ExemptParts(CaseRecord c)
    {
        var e = c.Exemption!;
        if (e.WholeCase)
        {
            return e.LegalBasis;
        }

        var parts = (e.Sections ?? []).Select(s => s switch
        {
            "summary" => "sammendrag",
            "background" => "bakgrunn",
            "assessment" => "vurdering",
            _ => "forslag til vedtak",
        }).Concat((e.Attachments ?? []).Select(n => $"vedlegg {n}"));
        return $"{e.LegalBasis} (gjelder {string.Join(", ", parts)})";
    }

    private (string Template, object Model, DocumentInfo Info) SummonsSource(MeetingAgenda agenda, bool restricted)
    {
        var model = new SummonsModel(
            BodyView.Of(agenda.Body),
            MeetingView.Of(agenda.Meeting),
            AgendaView(agenda, restricted),
            new AbsenceView(secretariat.Value.Email));
        var info = Info(agenda.Body, agenda.Meeting, $"Innkalling til møte i {agenda.Body.ShortName} {Norwegian.ShortDate(agenda.Meeting.Date)}", "Innkalling og saksliste");
        return (DocumentTemplates.Summons, model, info);
    }

    private sealed record PacketSourcePart(string Bookmark, string Template, object Model, string Number, IReadOnlyList<CaseAttachment> Files);

    /// <summary>What the packet is printed from: each part (summons, then each case paper with the attachments it takes in) and the one page of all of them.</summary>
    private async Task<(List<PacketSourcePart> Sources, string Html, DocumentInfo Info)> PacketSource(MeetingAgenda agenda, bool restricted, string? granted)
    {
        var sources = new List<PacketSourcePart>();
        var (summonsTemplate, summonsModel, _) = SummonsSource(agenda, restricted);
        sources.Add(new PacketSourcePart("Innkalling og saksliste", summonsTemplate, summonsModel, "", []));
        foreach (var c in agenda.Cases)
        {
            var version = restricted && c.Exemption?.IsGrantedTo(granted) != true ? c.PublicVersion() : c;
            var (template, model, _) = CasePaperSource(version, agenda.Body, agenda);
            var number = agenda.Items.First(i => i.CaseId == c.Id).Label;
            sources.Add(new PacketSourcePart($"Sak {number} {version.Title}", template, model, number, version.Attachments.Where(a => InPacket.Contains(a.ContentType)).ToList()));
        }

        var fragments = new List<string>();
        foreach (var s in sources)
        {
            fragments.Add(await renderer.Fragment(s.Template, s.Model));
        }

        var packetInfo = Info(agenda.Body, agenda.Meeting, $"Sakspapirer – {agenda.Body.ShortName} {Norwegian.ShortDate(agenda.Meeting.Date)}", "Innkalling, saksliste og sakspapirer");
        var html = await renderer.Page(fragments, packetInfo);
        return (sources, html, packetInfo);
    }

    /// <summary>The HTML the full packet of a meeting is printed from, and its running header (for the packet benchmark: Chromium alone printing what the app prints).</summary>
    internal async Task<(string Html, string Header)?> PacketHtml(MeetingId meetingId, CancellationToken ct = default)
    {
        if (await Agenda(meetingId, ct) is not { } agenda)
        {
            return null;
        }

        var (_, html, info) = await PacketSource(agenda, restricted: false, granted: null);
        return (html, info.Header);
    }

    private DocumentInfo Info(Body body, Meeting? meeting, string title, string subject) => new(
        title,
        community.Value.Name,
        subject,
        meeting is null ? body.Name : $"{body.Name} · møte {Norwegian.ShortDate(meeting.Date)}");

    /// <param name="restricted">An exempt title shows as "Unntatt offentlighet, offl. § 13".</param>
    public static List<AgendaItemView> AgendaView(MeetingAgenda agenda, bool restricted = false) =>
        agenda.Items.Select(i => new AgendaItemView(i.Label, Title(i, agenda, restricted), CaseLabels.Kind(i.Kind))).ToList();

    private static string Title(AgendaItem item, MeetingAgenda agenda, bool restricted) =>
        restricted && item.CaseId is { } id && agenda.Cases.FirstOrDefault(c => c.Id == id) is { } c ? c.PublicTitle : item.Title;

    private string Path(Body body, Meeting? meeting, string name, DateTimeOffset received)
    {
        var root = new StringBuilder(Slug.Of(community.Value.Name)).Append('/').Append(body.Code).Append('/');
        return meeting is null
            ? root.Append(Oslo.DateOf(received).Year).Append("/uten-mote/").Append(name).ToString()
            : root.Append(meeting.Date.Year).Append('/').Append(meeting.Id).Append('/').Append(name).ToString();
    }
}
