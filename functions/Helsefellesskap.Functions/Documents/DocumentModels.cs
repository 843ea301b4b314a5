namespace Helsefellesskap.Functions.Documents;

// What the templates see (snake_case in Liquid: meeting.date_long). Every value is already in the
// words and formats a Norwegian reader expects, so templates only place text.

public sealed record BodyView(string Name, string ShortName);

public sealed record MeetingView(string DateLong, string DateShort, string Start, string End, string Location, string? VideoLink);

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

public sealed record MinutesItemView(string Number, string Title, string Kind, string Result, string Decision, string? Exempt, IReadOnlyList<VoteView> Votes);

public sealed record MinutesModel(BodyView Body, MeetingView Meeting, AttendanceView Attendance, IReadOnlyList<MinutesItemView> Items, bool Draft);

/// <summary>The PDF's metadata and running header.</summary>
public sealed record DocumentInfo(string Title, string Author, string Subject, string Header, bool Draft = false);
