namespace Helsefellesskap.Functions.Meetings;

public enum MeetingKind
{
    Ordinary,
    Extraordinary,
}

public enum MeetingStatus
{
    Planned,
    Cancelled,
}

/// <summary>A meeting of a body on the meeting plan. The id stays the same if the meeting is moved.</summary>
public sealed record Meeting(
    string Id,
    string Body,
    DateOnly Date,
    TimeOnly Start,
    TimeOnly End,
    string Location,
    string? VideoLink,
    MeetingKind Kind,
    MeetingStatus Status);
