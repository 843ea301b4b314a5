namespace Helsefellesskap.Functions.Meetings;

/// <summary>A body (utvalg) of the community: SSU, an FSU, the partnership meeting.</summary>
public sealed record Body(string Code, string Name, string ShortName, string CommunityName, BodyRules Rules);

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

    /// <summary>An extraordinary meeting needs at least this many days of notice.</summary>
    public int ExtraordinaryNoticeDays { get; init; } = 7;

    /// <summary>A minutes draft is approved when nobody asks for changes within this many working days.</summary>
    public int MinutesApprovalWorkingDays { get; init; } = 4;

    /// <summary>Minutes are public no later than this many days after the meeting.</summary>
    public int PublicationDays { get; init; } = 7;

    /// <summary>Whether the body's case papers are published with its minutes (never those exempt from public access).</summary>
    public bool PublishesCasePapers { get; init; } = true;
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
/// A person summoned to a body's meetings. A municipal deputy names the member they stand in for;
/// the hospital's deputies are an ordered list (<see cref="DeputyOrder"/>).
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
    int? DeputyOrder = null);
