namespace Helsefellesskap.Functions.Documents;

// What the templates see (snake_case in Liquid: meeting.date_long). Every value is already in the
// words and formats a Norwegian reader expects, so templates only place text.

public sealed record BodyView(string Name, string ShortName)
{
    public static BodyView Of(Meetings.Body body) => new(body.Name, body.ShortName);
}

public sealed record MeetingView(string DateLong, string DateShort, string Start, string End, string Location, string? VideoLink)
{
    public static MeetingView Of(Meetings.Meeting m) =>
        new(Common.Norwegian.LongDate(m.Date), Common.Norwegian.ShortDate(m.Date), Common.Norwegian.Time(m.Start), Common.Norwegian.Time(m.End), m.Location, m.VideoLink);
}

public sealed record ExemptionView(string LegalBasis);

public sealed record CaseView(
    string Number,
    string Title,
    string From,
    string Kind,
    string Summary,
    string Background,
    string Assessment,
    IReadOnlyList<string> ProposedDecision,
    ExemptionView? Exemption);

public sealed record AttachmentView(string FileName);

public sealed record CasePaperModel(BodyView Body, MeetingView Meeting, CaseView Case, IReadOnlyList<AttachmentView> Attachments);

public sealed record AgendaItemView(string Number, string Title, string Kind);

public sealed record AbsenceView(string Email);

public sealed record SummonsModel(BodyView Body, MeetingView Meeting, IReadOnlyList<AgendaItemView> Agenda, AbsenceView Absence);

public sealed record PersonView(string Name, string Organisation, string? StandsInFor = null, string? Role = null);

public sealed record PartyView(string Name, IReadOnlyList<PersonView> Present);

public sealed record AttendanceView(IReadOnlyList<PartyView> Parties, IReadOnlyList<PersonView> Others, IReadOnlyList<PersonView> Absent, string Quorum);

public sealed record VoteView(string Name, string Party, string Vote);

/// <summary>A file added after the meeting; <c>Url</c> where the public (or the reader) can fetch it.</summary>
public sealed record FileView(string FileName, string? Url);

/// <summary>
/// One item of the minutes as the real ones have it: a case's kind, its proposal ("Forslag til vedtak"),
/// a proposal changed at the meeting ("Forslag til nytt vedtak"), the discussion, then under
/// <c>Heading</c> ("Vedtak", "Konklusjon", "Utfall"; none for a standing item) the text and the result in
/// words, the votes when not unanimous, additional information and files added after the meeting.
/// </summary>
public sealed record MinutesItemView(
    string Number,
    string Title,
    string? Kind,
    string? Exempt,
    IReadOnlyList<string> Proposal,
    string? AmendedProposal,
    string? Discussion,
    string? Heading,
    string Text,
    string? Result,
    IReadOnlyList<VoteView> Votes,
    string? VoteSummary,
    string? AdditionalInformation,
    IReadOnlyList<FileView> Files,
    string? Unannounced = null,
    string? Urgent = null,
    CasePaperView? Paper = null,
    string? Disqualified = null);

/// <summary>
/// What the minutes repeat of a case's paper, as the real ones do (SSU 23.06.2025): the header block (Til, Fra,
/// Sak NN-YYYY) and its Sammendrag, Bakgrunn and Vurdering (in a public copy with the exempt parts replaced).
/// </summary>
public sealed record CasePaperView(string To, string From, string Number, string? Summary, string? Background, string? Assessment);

/// <param name="Approval">How the minutes were approved ("Godkjent 18.02.2027 uten merknader."), or for a draft until when changes may be asked for.</param>
/// <param name="Corrections">Each correction after approval, in words ("Rettet 3. mars 2027 (versjon 2) av sekretariatet: …"), oldest first.</param>
public sealed record MinutesModel(BodyView Body, MeetingView Meeting, AttendanceView Attendance, IReadOnlyList<MinutesItemView> Items, bool Draft, string? Approval = null,
    IReadOnlyList<string>? Corrections = null);

/// <summary>The PDF's metadata and running header.</summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, string Header, bool Draft = false);
