using System.Globalization;
using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// Personal, signed links that expire when the meeting day ends: report absence, fetch the papers, declare
/// disqualification; and the minutes in full, which expires when its last day given ends.
/// </summary>
public sealed class MeetingLinks(SignedLinks links)
{
    public string AbsenceUrl(Meeting meeting, string memberId) => Url("forfall", meeting, memberId);

    public string PapersUrl(Meeting meeting, string memberId) => Url("sakspapirer", meeting, memberId);

    public string DisqualificationUrl(Meeting meeting, string memberId) => Url("inhabil", meeting, memberId);

    /// <summary>The minutes in full (exempt parts included), for a member or deputy, until <paramref name="lastDay"/> ends.</summary>
    public string FullMinutesUrl(Meeting meeting, string memberId, DateOnly lastDay) => Url("referat-fullt", meeting, memberId, lastDay);

    public bool IsValid(string purpose, MeetingId meetingId, string memberId, long expires, string? token, DateTimeOffset now) =>
        now.ToUnixTimeSeconds() <= expires && links.IsValid(purpose, Subject(meetingId, memberId, expires), token);

    private string Url(string purpose, Meeting meeting, string memberId, DateOnly? lastDay = null)
    {
        var expires = Oslo.StartOfDay((lastDay ?? meeting.Date).AddDays(1)).ToUnixTimeSeconds();
        var token = links.Token(purpose, Subject(meeting.Id, memberId, expires));
        return links.Absolute($"/api/{purpose}/{Uri.EscapeDataString(meeting.Id.Value)}/{Uri.EscapeDataString(memberId)}?utloper={expires.ToString(CultureInfo.InvariantCulture)}&token={token}");
    }

    private static string Subject(MeetingId meetingId, string memberId, long expires) =>
        string.Create(CultureInfo.InvariantCulture, $"{meetingId}|{memberId}|{expires}");
}
