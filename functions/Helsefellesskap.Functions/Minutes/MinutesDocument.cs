using Helsefellesskap.Functions.Agenda;
using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>The minutes of a meeting as the template reads them: from the recorded outcome and the frozen agenda.</summary>
public sealed class MinutesDocument(MinutesStore store, MeetingStore meetings, AgendaService agendas)
{
    /// <summary>The minutes as the template wants them; the public version leaves out what is exempt from public access.</summary>
    /// <param name="fileUrls">Where each file added after the meeting can be fetched (by its index), when the reader may have a link.</param>
    public async Task<MinutesModel?> Build(MeetingId meetingId, bool draft, bool forPublic, CancellationToken ct, IReadOnlyDictionary<int, string>? fileUrls = null) =>
        await agendas.Agenda(meetingId, ct) is { } agenda ? await Build(agenda, await store.Get(meetingId, ct), draft, forPublic, ct, fileUrls) : null;

    /// <summary>The minutes of an agenda and minutes state already read (publication builds two versions from one reading).</summary>
    public async Task<MinutesModel?> Build(MeetingAgenda agenda, MinutesState state, bool draft, bool forPublic, CancellationToken ct, IReadOnlyDictionary<int, string>? fileUrls = null)
    {
        if (state.Outcome is not { } outcome)
        {
            return null;
        }

        var everyone = await meetings.Members(agenda.Body.Code, ct);
        var byId = everyone.ToDictionary(m => m.Id);
        var members = Roster.On(everyone, agenda.Meeting.Date);
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

        var seats = members.Where(m => m.Role == MemberRole.Member).ToList();
        var filled = seats.Count(m => present.Contains(m.Id) || outcome.StandIns.Any(s => s.Value == m.Id && present.Contains(s.Key)));
        var quorate = outcome.Quorum ? "vedtaksført" : "ikke vedtaksført";
        var quorum = agenda.Body.Rules switch
        {
            { Decision: DecisionRule.None } => $"{agenda.Body.Name} drøfter sakene og fatter ikke vedtak. Til stede: {filled} av {seats.Count}.",
            { Quorum: QuorumRule.HalfOfMembers } => $"Utvalget var {quorate}: {filled} av {seats.Count} medlemmer til stede.",
            { Quorum: QuorumRule.None } => $"Til stede: {Count(Party.Municipalities)} fra kommunene og {Count(Party.Hospital)} fra helseforetaket.",
            _ => $"Utvalget var {quorate}: {Count(Party.Municipalities)} fra kommunene og {Count(Party.Hospital)} fra helseforetaket.",
        };
        var items = new List<MinutesItemView>();
        List<FileView> Files(string? caseId) => state.AddedFiles.Where(f => f.CaseId == caseId)
            .Select(f => new FileView(f.FileName, fileUrls?.GetValueOrDefault(f.Index))).ToList();
        foreach (var item in agenda.Items)
        {
            if (item.CaseId is null)
            {
                items.Add(MinutesItems.Standing(item, outcome, agenda.Body.Rules.Decision, item.Title == AgendaRules.SecretariatReport ? Files(null) : []));
                continue;
            }

            var c = agenda.Cases.First(x => x.Id == item.CaseId);
            // The decision is withheld with the case, or with its exempt proposal (the decision usually repeats it).
            var hidden = forPublic && (c.WhollyExempt || c.Exemption?.Covers("proposedDecision") == true);
            // A public copy shows the case as the public may read it: exempt sections (and an exempt title) replaced.
            items.Add(MinutesItems.Case(item, forPublic ? c.PublicVersion() : c, outcome.Items.FirstOrDefault(x => x.CaseId == c.Id), hidden, byId.GetValueOrDefault, hidden ? [] : Files(c.Id), agenda.Body));
        }

        return new MinutesModel(BodyView.Of(agenda.Body), MeetingView.Of(agenda.Meeting), new AttendanceView(parties, others, absent, quorum), items, draft,
            MinutesItems.Approval(state, draft),
            state.AllCorrections.Select(c => $"Rettet {Norwegian.LongDate(Oslo.DateOf(c.At))} (versjon {c.Version}) av {c.By}: {c.Reason}").ToList());
    }

    public static string ResultLabel(ItemResult result) => result switch
    {
        ItemResult.Adopted => "Vedtatt",
        ItemResult.AdoptedWithChanges => "Vedtatt med endringer",
        ItemResult.TakenAsInformation => "Tatt til orientering",
        ItemResult.Discussed => "Drøftet",
        ItemResult.Postponed => "Utsatt",
        ItemResult.NotAdopted => "Ikke vedtatt",
        _ => "Sendt tilbake til sekretariatet",
    };

}
