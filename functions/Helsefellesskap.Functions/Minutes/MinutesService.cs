using Azure;
using Azure.Storage.Blobs.Models;
using Helsefellesskap.Functions.Cases;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Email;
using Helsefellesskap.Functions.Hosting;
using Helsefellesskap.Functions.Meetings;
using Helsefellesskap.Functions.Storage;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>The minutes of a meeting: the outcome recorded under the statutes' rules, the draft, change requests, approval and publication.</summary>
public sealed class MinutesService(
    MinutesStore store,
    MeetingStore meetings,
    AgendaService agendas,
    CaseStore cases,
    CaseReferences references,
    DocumentRenderer renderer,
    DocumentStore documents,
    MeetingPapers papers,
    StorageClients storage,
    EmailOutbox outbox,
    SignedLinks links,
    IOptions<CommunityOptions> community,
    IOptions<SecretariatOptions> secretariat,
    TimeProvider clock)
{
    /// <param name="SpawnDecisionCase">A discussion case that is to come back as a decision case at a later meeting.</param>
    public sealed record ItemInput(string? Case, ItemResult? Result, string? Decision, IReadOnlyList<CastVote>? Votes, bool SpawnDecisionCase = false);

    public sealed record OutcomeInput(IReadOnlyList<string>? Present, IReadOnlyList<ItemInput>? Items, string? AnyOtherBusiness);

    /// <summary>Records what happened at the meeting. Quorum and consensus are computed; a case without consensus goes back to the secretariat.</summary>
    public async Task<(MeetingOutcome? Outcome, ValidationErrors Errors, int Status)> Record(string meetingId, OutcomeInput input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var agenda = await agendas.Agenda(meetingId, ct);
        if (agenda is null)
        {
            errors.Add("", $"Det finnes ikke noe møte «{meetingId}».");
            return (null, errors, StatusCodes.Status404NotFound);
        }

        if (!agenda.State.Frozen)
        {
            errors.Add("", "Møtet er ikke innkalt med fastsatt saksliste; utvalget kan ikke fatte vedtak.");
            return (null, errors, StatusCodes.Status409Conflict);
        }

        var members = await meetings.Members(agenda.Body.Code, ct);
        var byId = members.ToDictionary(m => m.Id);
        var present = (input.Present ?? []).ToHashSet();
        foreach (var unknown in present.Where(p => !byId.ContainsKey(p)))
        {
            errors.Add("present", $"«{unknown}» er ikke medlem eller vara i {agenda.Body.ShortName}.");
        }

        // A deputy present stands in for the member they deputise for, when that member is not present.
        var standIns = new Dictionary<string, string>();
        foreach (var deputy in present.Where(p => byId.TryGetValue(p, out var m) && m.Role == MemberRole.Deputy).Select(p => byId[p]))
        {
            var replaced = deputy.DeputyFor is { } personal && !present.Contains(personal)
                ? personal
                : members.Where(m => m.Role == MemberRole.Member && m.Party == deputy.Party && deputy.DeputyOrder is not null && !present.Contains(m.Id) && !standIns.ContainsValue(m.Id)).Select(m => m.Id).FirstOrDefault();
            if (replaced is not null)
            {
                standIns[deputy.Id] = replaced;
            }
        }

        var quorum = MeetingRules.HasQuorum(members, present, standIns);
        var voters = present.Where(p => byId.TryGetValue(p, out var m) && (m.Role == MemberRole.Member || standIns.ContainsKey(p))).ToHashSet();
        var items = new List<ItemOutcome>();
        var spawn = new HashSet<string>();
        var onAgenda = agenda.Cases.ToDictionary(c => c.Id);
        foreach (var (item, i) in (input.Items ?? []).Select((x, i) => (x, i)))
        {
            var field = $"items[{i}]";
            if (item.Case is null || !onAgenda.TryGetValue(item.Case, out var c))
            {
                errors.Add(field, $"Sak «{item.Case}» stod ikke på sakslisten som ble sendt ut, og kan ikke få vedtak. Noter den under Eventuelt.");
                continue;
            }

            if (item.SpawnDecisionCase && c.Kind != CaseKind.Discussion)
            {
                errors.Add(field, $"Bare en drøftingssak kan gi en beslutningssak til et senere møte; «{c.Title}» er en {CaseLabels.Kind(c.Kind).ToLowerInvariant()}.");
            }

            var votes = item.Votes ?? [];
            foreach (var v in votes.Where(v => !voters.Contains(v.MemberId)))
            {
                errors.Add(field, $"«{v.MemberId}» hadde ikke stemmerett i saken (ikke til stede, eller vara uten å møte for et medlem).");
            }

            var result = item.Result ?? (c.Kind == CaseKind.Information ? ItemResult.TakenAsInformation : ItemResult.Adopted);
            var consensus = MeetingRules.HasConsensus(votes, id => byId.TryGetValue(id, out var m) ? m.Party : null);
            if (!consensus && result is ItemResult.Adopted or ItemResult.AdoptedWithChanges)
            {
                result = ItemResult.Returned;
            }

            if (!quorum && result is ItemResult.Adopted or ItemResult.AdoptedWithChanges)
            {
                errors.Add(field, "Utvalget var ikke vedtaksført (minst halvparten av hver part må være til stede), så saken kan ikke vedtas.");
            }

            var decision = string.IsNullOrWhiteSpace(item.Decision)
                ? string.Join("\n", c.ProposedDecision.Select((p, n) => $"{n + 1}. {p}"))
                : item.Decision;
            items.Add(new ItemOutcome(c.Id, result, result == ItemResult.Returned && !consensus ? $"Ikke konsensus. Saken sendes tilbake til sekretariatet for ny behandling.\n\n{decision}" : decision, votes, consensus));
            if (item.SpawnDecisionCase)
            {
                spawn.Add(c.Id);
            }
        }

        if (errors.Any)
        {
            return (null, errors, StatusCodes.Status400BadRequest);
        }

        var next = MeetingPlanRules.NextAfter(await meetings.Plan(agenda.Body.Code, ct), agenda.Meeting.Date);

        // A discussion case comes back as its decision case: a new case, on the next meeting, with the same papers.
        var existing = (await store.Get(meetingId, ct)).Outcome?.Items.ToDictionary(i => i.CaseId, i => i.DecisionCaseId) ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (!spawn.Contains(items[i].CaseId))
            {
                continue;
            }

            if (existing.GetValueOrDefault(items[i].CaseId) is { } already)
            {
                items[i] = items[i] with { DecisionCaseId = already };
                continue;
            }

            var discussion = onAgenda[items[i].CaseId];
            var number = agenda.Items.First(x => x.CaseId == discussion.Id).Label(agenda.Meeting.Date.Year);
            var id = await references.Next(community.Value.ReferencePrefix, Oslo.DateOf(clock.GetUtcNow()).Year, ct);
            await cases.Add(discussion with
            {
                Id = id,
                Kind = CaseKind.Decision,
                Status = CaseStatus.Received,
                MeetingId = next?.Id,
                MeetingDate = next?.Date,
                ReceivedAt = clock.GetUtcNow(),
                StatusReason = $"Beslutningssak etter drøfting i sak {number}",
            }, ct);
            items[i] = items[i] with { DecisionCaseId = id, Decision = $"{items[i].Decision}\n\nSaken legges fram som beslutningssak ({id}) på et senere møte." };
        }

        var outcome = new MeetingOutcome(present.Order().ToList(), standIns, quorum, items, input.AnyOtherBusiness);
        await store.Change(meetingId, s => s with { Outcome = outcome }, ct);
        foreach (var item in items)
        {
            var c = onAgenda[item.CaseId];
            await cases.Update(item.Result is ItemResult.Returned or ItemResult.Postponed
                ? c with { Status = CaseStatus.Received, MeetingId = next?.Id, MeetingDate = next?.Date, StatusReason = item.Result == ItemResult.Returned ? "Sendt tilbake til sekretariatet for ny behandling" : "Utsatt til neste møte" }
                : c with { Status = CaseStatus.Treated, StatusReason = null }, ct);
        }

        return (outcome, errors, StatusCodes.Status200OK);
    }

    /// <summary>The minutes as the template wants them; the public version leaves out what is exempt from public access.</summary>
    public async Task<MinutesModel?> Model(string meetingId, bool draft, bool forPublic, CancellationToken ct)
    {
        var state = await store.Get(meetingId, ct);
        var agenda = await agendas.Agenda(meetingId, ct);
        if (state.Outcome is not { } outcome || agenda is null)
        {
            return null;
        }

        var members = await meetings.Members(agenda.Body.Code, ct);
        var byId = members.ToDictionary(m => m.Id);
        var present = outcome.Present.ToHashSet();
        PersonView Person(Member m) => new(m.Name, m.Organisation, outcome.StandIns.TryGetValue(m.Id, out var replaced) ? byId[replaced].Name : null,
            m.Role switch { MemberRole.SpeakingRight => "møte- og talerett", MemberRole.Observer => "observatør", _ => null });
        var parties = new[] { (Party.Municipalities, "Kommunene"), (Party.Hospital, "Helseforetaket") }
            .Select(p => new PartyView(p.Item2, members.Where(m => m.Party == p.Item1 && present.Contains(m.Id) && (m.Role == MemberRole.Member || outcome.StandIns.ContainsKey(m.Id))).Select(Person).ToList()))
            .ToList();
        var others = members.Where(m => present.Contains(m.Id) && m.Role is MemberRole.SpeakingRight or MemberRole.Observer).Select(Person).ToList();
        var absent = members.Where(m => m.Role == MemberRole.Member && !present.Contains(m.Id)).Select(Person).ToList();
        string Count(Party party)
        {
            var (filled, seats) = MeetingRules.Attendance(party, members, present, outcome.StandIns);
            return $"{filled} av {seats}";
        }

        var quorum = outcome.Quorum
            ? $"Utvalget var vedtaksført: {Count(Party.Municipalities)} fra kommunene og {Count(Party.Hospital)} fra helseforetaket."
            : $"Utvalget var ikke vedtaksført: {Count(Party.Municipalities)} fra kommunene og {Count(Party.Hospital)} fra helseforetaket.";
        var year = agenda.Meeting.Date.Year;
        var items = new List<MinutesItemView>();
        foreach (var item in agenda.Items)
        {
            if (item.CaseId is null)
            {
                var text = item.Title == AgendaRules.AnyOtherBusiness ? outcome.AnyOtherBusiness ?? "Ingen saker." : item.Title == AgendaRules.Approval ? "Innkalling og saksliste ble godkjent." : "Sekretariatet orienterte.";
                items.Add(new MinutesItemView(item.Label(year), item.Title, CaseLabels.Kind(item.Kind), "Behandlet", text, null, []));
                continue;
            }

            var c = agenda.Cases.First(x => x.Id == item.CaseId);
            var o = outcome.Items.FirstOrDefault(x => x.CaseId == c.Id);
            var exempt = c.Exemption is null ? null : $"{c.Exemption.LegalBasis}";
            var hidden = forPublic && exempt is not null;
            var votes = hidden || o is null || o.Votes.All(v => v.Vote == Vote.For)
                ? []
                : o.Votes.Select(v => new VoteView(byId[v.MemberId].Name, byId[v.MemberId].Party == Party.Hospital ? "Helseforetaket" : "Kommunene", v.Vote switch { Vote.For => "For", Vote.Against => "Mot", _ => "Avstår" })).ToList();
            items.Add(new MinutesItemView(item.Label(year), c.Title, CaseLabels.Kind(c.Kind), o is null ? "Ikke behandlet" : ResultLabel(o.Result),
                hidden ? "Vedtaket er unntatt offentlighet." : o?.Decision ?? "Saken ble ikke behandlet.", exempt, votes));
        }

        return new MinutesModel(MeetingPapers.BodyView(agenda.Body), MeetingPapers.MeetingView(agenda.Meeting), new AttendanceView(parties, others, absent, quorum), items, draft);
    }

    public static string ResultLabel(ItemResult result) => result switch
    {
        ItemResult.Adopted => "Vedtatt",
        ItemResult.AdoptedWithChanges => "Vedtatt med endringer",
        ItemResult.TakenAsInformation => "Tatt til orientering",
        ItemResult.Postponed => "Utsatt",
        _ => "Sendt tilbake til sekretariatet",
    };

    /// <summary>Sends the draft (or a new version of it) to the members and deputies who attended, each with a personal link to ask for changes.</summary>
    public async Task<(IReadOnlyList<string> Messages, DateOnly ApprovalDeadline)?> SendDraft(Meeting meeting, Body body, CancellationToken ct)
    {
        var model = await Model(meeting.Id, draft: true, forPublic: false, ct);
        if (model is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var deadline = WorkingDays.After(Oslo.DateOf(now), body.Rules.MinutesApprovalWorkingDays);
        var state = await store.Change(meeting.Id, s => s with { DraftVersion = s.DraftVersion + 1, DraftSentAt = now, ApprovalDeadline = deadline }, ct);
        var info = new DocumentInfo($"Utkast til referat – {body.ShortName} {Norwegian.ShortDate(meeting.Date)}", community.Value.Name, "Utkast til referat", $"{body.Name} · møte {Norwegian.ShortDate(meeting.Date)}", Draft: true);
        var rendered = await renderer.Render(DocumentTemplates.Minutes, model, info, ct);
        var stored = await documents.Save($"{DocumentStore.Slug(community.Value.Name)}/{body.Code}/{meeting.Date.Year}/{meeting.Id}/referat-utkast", rendered.Pdf, rendered.SourceSha256, ct);

        var ids = new List<string>();
        var members = await meetings.Members(body.Code, ct);
        foreach (var member in members.Where(m => state.Outcome!.Present.Contains(m.Id)))
        {
            var message = new EmailBody()
                .Paragraph($"Hei {member.Name},")
                .Paragraph($"Her er utkast til referat fra møtet i {body.Name} {Norwegian.LongDate(meeting.Date)}.")
                .Paragraph($"Referatet er godkjent hvis ingen ber om endringer innen {Norwegian.LongDate(deadline)} (4 virkedager).")
                .Link("Be om endringer i referatet", ChangeUrl(meeting.Id, member.Id, deadline))
                .Signature(community.Value.Name)
                .Message($"minutes-draft-v{state.DraftVersion}.{meeting.Id}.{member.Id}", new EmailAddress(member.Email, member.Name),
                    $"Utkast til referat: {body.ShortName} {Norwegian.ShortDate(meeting.Date)} – merknader innen {Norwegian.ShortDate(deadline)}",
                    [new EmailAttachment("utkast-til-referat.pdf", "application/pdf", DocumentStore.Container, stored.BlobName)]);
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        return (ids, deadline);
    }

    public string ChangeUrl(string meetingId, string memberId, DateOnly deadline) =>
        links.Absolute($"/api/referat/{Uri.EscapeDataString(meetingId)}/{Uri.EscapeDataString(memberId)}?token={links.Token("minutes-change", $"{meetingId}|{memberId}")}");

    public bool IsValidChangeLink(string meetingId, string memberId, string? token) => links.IsValid("minutes-change", $"{meetingId}|{memberId}", token);

    /// <summary>A participant asks for changes: recorded, and the secretariat is told; the approval waits for the secretariat.</summary>
    public async Task<bool> RequestChange(string meetingId, string memberId, string text, CancellationToken ct)
    {
        var state = await store.Get(meetingId, ct);
        if (state.DraftSentAt is null || state.ApprovedAt is not null || state.Outcome?.Present.Contains(memberId) != true)
        {
            return false;
        }

        await store.Change(meetingId, s => s with { ChangeRequests = [.. s.ChangeRequests, new ChangeRequest(memberId, text, clock.GetUtcNow())] }, ct);
        await outbox.Enqueue(new EmailBody()
            .Paragraph($"Det er bedt om endringer i utkast til referat fra møtet {meetingId} (versjon {state.DraftVersion}):")
            .Paragraph(text)
            .Paragraph("Referatet blir ikke godkjent automatisk. Godkjenn en rettet versjon, eller send et nytt utkast på sirkulasjon (nytt vindu på 4 virkedager).")
            .Message($"minutes-change.{meetingId}.{memberId}.v{state.DraftVersion}.{state.ChangeRequests.Count}", new EmailAddress(secretariat.Value.Email, "Samhandlingssekretariatet"), $"Endringsønske til referat: {meetingId}"), ct);
        return true;
    }

    public Task<MinutesState> State(string meetingId, CancellationToken ct) => store.Get(meetingId, ct);

    public Task<MinutesState> Approve(string meetingId, string by, CancellationToken ct) =>
        store.Change(meetingId, s => s.ApprovedAt is null ? s with { ApprovedAt = clock.GetUtcNow(), ApprovedBy = by } : s, ct);

    /// <summary>The approved minutes, public version, in the public container at a stable address; the agenda beside it; partners told.</summary>
    public async Task<(string Url, IReadOnlyList<string> Messages)?> Publish(Meeting meeting, Body body, CancellationToken ct)
    {
        var state = await store.Get(meeting.Id, ct);
        if (state.ApprovedAt is null)
        {
            return null;
        }

        if (state.PublishedUrl is not null)
        {
            return (state.PublishedUrl, []);
        }

        var model = await Model(meeting.Id, draft: false, forPublic: true, ct);
        var info = new DocumentInfo($"Referat – {body.ShortName} {Norwegian.ShortDate(meeting.Date)}", community.Value.Name, $"Referat fra møte i {body.Name}", $"{body.Name} · møte {Norwegian.ShortDate(meeting.Date)}");
        var rendered = await renderer.Render(DocumentTemplates.Minutes, model!, info, ct);
        var container = await storage.Container(StorageNames.PublicContainer, PublicAccessType.Blob);
        var folder = $"{DocumentStore.Slug(community.Value.Name)}/{body.Code}/{meeting.Date.Year}/{meeting.Id}";
        var minutes = await PublishBlob(container, $"{folder}/referat", rendered.Pdf, ct);
        var summons = await papers.Summons(meeting.Id, ct) ?? throw new InvalidOperationException($"No summons for {meeting.Id}.");
        var agendaPdf = await PublishBlob(container, $"{folder}/innkalling", summons.Content, ct);
        var casePapers = new List<PublishedPaper>();
        var agenda = await agendas.Agenda(meeting.Id, ct);
        foreach (var item in agenda!.Items.Where(i => i.CaseId is not null))
        {
            var c = agenda.Cases.First(x => x.Id == item.CaseId);
            var label = $"Sak {item.Label(meeting.Date.Year)} {c.Title}";
            if (c.Exemption is not null)
            {
                casePapers.Add(new PublishedPaper(label, null, $"Unntatt offentlighet, {c.Exemption.LegalBasis}"));
            }
            else if (body.Rules.PublishesCasePapers && await papers.CasePaper(c.Id, ct) is { } paper)
            {
                casePapers.Add(new PublishedPaper(label, await PublishBlob(container, $"{folder}/sak-{item.Number:00}", paper.Content, ct), null));
            }
        }

        var now = clock.GetUtcNow();
        await store.Change(meeting.Id, s => s with { PublishedAt = now, PublishedUrl = minutes }, ct);
        var publications = await storage.Table(StorageNames.Publications);
        await publications.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(body.Code, meeting.Id)
        {
            ["Date"] = meeting.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["MinutesUrl"] = minutes,
            ["AgendaUrl"] = agendaPdf,
            ["CasePapers"] = Json.Write(casePapers),
            ["PublishedAt"] = now,
        }, Azure.Data.Tables.TableUpdateMode.Replace, ct);

        var ids = new List<string>();
        foreach (var (contact, n) in community.Value.WebContacts.Select((c, n) => (c, n)))
        {
            var message = new EmailBody()
                .Paragraph($"Referatet fra møtet i {body.Name} {Norwegian.LongDate(meeting.Date)} er godkjent og publisert.")
                .Link("Referat (PDF)", minutes)
                .Paragraph("Nettsider som viser strømmen eller snutten fra helsefellesskapet, oppdateres av seg selv.")
                .Message($"published.{meeting.Id}.{n}", new EmailAddress(contact), $"Publisert: referat fra {body.ShortName} {Norwegian.ShortDate(meeting.Date)}");
            await outbox.Record(message, ct);
            ids.Add(message.Id);
        }

        return (minutes, ids);
    }

    /// <summary>A case on the public page: its paper's address, or why there is none.</summary>
    public sealed record PublishedPaper(string Title, string? Url, string? Exempt);

    private static async Task<string> PublishBlob(Azure.Storage.Blobs.BlobContainerClient container, string path, byte[] pdf, CancellationToken ct)
    {
        for (var version = 1; ; version++)
        {
            // Published files are never overwritten: a new version gets the next name.
            var blob = container.GetBlobClient(version == 1 ? $"{path}.pdf" : $"{path}-v{version}.pdf");
            if (await blob.CreateIfAbsent(pdf, "application/pdf", new Dictionary<string, string> { ["sha256"] = DocumentRenderer.Sha256(pdf) }, ct))
            {
                return blob.Uri.ToString();
            }
        }
    }
}
