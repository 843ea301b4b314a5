namespace Helsefellesskap.Functions.Meetings;

/// <summary>A body (utvalg) of the community: SSU, an FSU, the partnership meeting.</summary>
public sealed record Body(string Code, string Name, string ShortName, string CommunityName, BodyRules Rules)
{
    public BodyKind Kind { get; init; } = BodyKind.Strategic;

    /// <summary>The body it reports to: an FSU's SSU.</summary>
    public string? Parent { get; init; }

    /// <summary>Whether anyone may submit cases to it (the public form lists it). A dialogue meeting takes none.</summary>
    public bool TakesCases { get; init; } = true;

    /// <summary>What an FSU is set up to do.</summary>
    public string? Mandate { get; init; }

    /// <summary>An FSU reports to its parent body every this many months, from <see cref="Established"/>.</summary>
    public int? ReportEveryMonths { get; init; }

    /// <summary>The decision case that set the body up (an FSU is appointed by the SSU through a case).</summary>
    public string? EstablishedBy { get; init; }

    public DateOnly? Established { get; init; }

    /// <summary>"Strategisk samarbeidsutvalg (SSU)"; just the name when the short form is the same ("Partnerskapsmøtet").</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DisplayName => ShortName == Name ? Name : $"{Name} ({ShortName})";
}

/// <summary>The levels of a health community's collaboration.</summary>
public enum BodyKind
{
    /// <summary>Strategisk samarbeidsutvalg (SSU, SU).</summary>
    Strategic,

    /// <summary>Partnerskapsmøtet: chief executives, once a year.</summary>
    Partnership,

    /// <summary>Dialogmøtet: mayors and the hospital's board chair discuss; no decisions.</summary>
    Dialogue,

    /// <summary>Faglig samarbeidsutvalg (FSU), appointed by the SSU with a mandate.</summary>
    Professional,
}

/// <summary>How a body decides.</summary>
public enum DecisionRule
{
    /// <summary>"A majority of votes within each party" (the SSU's consensus, the partnership meeting).</summary>
    MajorityInEachParty,

    /// <summary>More votes for than against among all who vote.</summary>
    SimpleMajority,

    /// <summary>The body discusses and decides nothing (the dialogue meeting).</summary>
    None,
}

/// <summary>When a meeting of a body may decide.</summary>
public enum QuorumRule
{
    /// <summary>"At least half of the members of each party present."</summary>
    HalfOfEachParty,

    /// <summary>At least half of all members present.</summary>
    HalfOfMembers,

    /// <summary>No quorum (a meeting that decides nothing, or whose members are all summoned as such).</summary>
    None,
}

/// <summary>
/// The statute offsets of one body. The defaults are the SSU rules of Helsefellesskap Helgeland;
/// every community configures its own.
/// </summary>
public sealed record BodyRules
{
    /// <summary>A case must reach the secretariat no later than this many days before the meeting.</summary>
    public int CaseDeadlineDays { get; init; } = 21;

    /// <summary>Partners are reminded of the case deadline this many days before the meeting.</summary>
    public int DeadlineReminderDays { get; init; } = 28;

    /// <summary>The agenda must be frozen this many days before the meeting.</summary>
    public int AgendaFreezeDays { get; init; } = 8;

    /// <summary>Summons, agenda and papers go out no later than this many days before the meeting.</summary>
    public int SummonsDays { get; init; } = 7;

    /// <summary>Seats for the municipalities' members (the statutes: 7 in Helgeland's SSU); null: not limited.</summary>
    public int? MunicipalSeats { get; init; }

    /// <summary>Seats for the hospital trust's members; null: not limited.</summary>
    public int? HospitalSeats { get; init; }

    /// <summary>
    /// The least notice the statutes allow, where they give a range (the Partnerskapsmøte: papers 2–3 weeks before,
    /// sent 21 days before, at least 14); null where the summons days are the rule.
    /// </summary>
    public int? SummonsMinimumDays { get; init; }

    /// <summary>The notice the papers must have had: by the end of the day this many days before the meeting.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int NoticeDays => SummonsMinimumDays ?? SummonsDays;

    /// <summary>An extraordinary meeting needs at least this many days of notice.</summary>
    public int ExtraordinaryNoticeDays { get; init; } = 7;

    /// <summary>A minutes draft is approved when nobody asks for changes within this many working days.</summary>
    public int MinutesApprovalWorkingDays { get; init; } = 4;

    /// <summary>Minutes are public no later than this many days after the meeting.</summary>
    public int PublicationDays { get; init; } = 7;

    /// <summary>
    /// Whether members and deputies get the minutes in full (exempt parts included) attached to the draft's, the approved
    /// and the corrected minutes' email. Off by default: they get the public version attached and the full version
    /// through a personal link that expires, as with the summons' exempt papers (nothing exempt in a mailbox).
    /// </summary>
    public bool AttachesFullMinutes { get; init; }

    /// <summary>Whether the body's case papers are published with its minutes (never those exempt from public access).</summary>
    public bool PublishesCasePapers { get; init; } = true;

    public DecisionRule Decision { get; init; } = DecisionRule.MajorityInEachParty;

    public QuorumRule Quorum { get; init; } = QuorumRule.HalfOfEachParty;

    /// <summary>Ordinary meetings a year: a meeting plan is checked against it.</summary>
    public int MeetingsPerYear { get; init; } = 6;

    /// <summary>Whether the meetings are open to the public.</summary>
    public bool OpenMeetings { get; init; } = true;
}

public enum Party
{
    Municipalities,
    Hospital,
}

public enum MemberRole
{
    Member,
    Deputy,
    SpeakingRight,
    Observer,
}

/// <summary>
/// A person summoned to a body's meetings, for a term. A personal deputy names the member they stand in
/// for (<see cref="DeputyFor"/>); a party's other deputies are an ordered list (<see cref="DeputyOrder"/>).
/// Nobody is deleted: a member who leaves gets an end to their term, so a past meeting keeps its roster.
/// </summary>
public sealed record Member(
    string Id,
    string Body,
    string Name,
    string Email,
    string Organisation,
    Party? Party,
    MemberRole Role,
    string? DeputyFor = null,
    int? DeputyOrder = null)
{
    /// <summary>The first day of the term; null: from the start.</summary>
    public DateOnly? From { get; init; }

    /// <summary>The last day of the term; null: until further notice.</summary>
    public DateOnly? To { get; init; }

    /// <summary>Whom a member with a term of fixed length represents (the users, the GPs); null for the parties' own members.</summary>
    public Representing? Represents { get; init; }

    /// <summary>Members and deputies receive exempt papers (offentleglova); observers and speaking-right participants do not.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ReceivesExemptPapers => Role is MemberRole.Member or MemberRole.Deputy;

    /// <summary>Whether the person is on the roster on <paramref name="date"/>.</summary>
    public bool ServesOn(DateOnly date) => (From is null || From <= date) && (To is null || date <= To);
}

/// <summary>Members appointed for a fixed term: "user and GP representatives: 2 years, at most 6 in a row".</summary>
public enum Representing
{
    Users,
    GeneralPractitioners,
}

/// <summary>The roster of a body on a meeting's date: who is summoned, counts for quorum and is minuted.</summary>
public static class Roster
{
    public static IReadOnlyList<Member> On(IEnumerable<Member> members, DateOnly date) => members.Where(m => m.ServesOn(date)).ToList();
}
