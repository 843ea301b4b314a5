using System.Globalization;
using System.Text;
using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>An iCalendar (RFC 5545) invitation to a meeting, in UTC so no time zone block is needed.</summary>
public static class Invitation
{
    /// <summary>The personal invitation in a summons: with the video link, the organiser and the one attendee.</summary>
    public static string For(Meeting meeting, Body body, string communityName, string organizerEmail, string attendeeEmail, DateTimeOffset stamp, int sequence = 0) =>
        Folded([
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Helsefellesskap//Sekretariat//NB",
            "METHOD:REQUEST",
            .. Event(meeting, body, communityName, stamp, sequence,
            [
                $"DESCRIPTION:{Escape(meeting.VideoLink is null ? communityName : $"{communityName}. Video: {meeting.VideoLink}")}",
                $"ORGANIZER;CN={Escape(communityName)}:mailto:{organizerEmail}",
                $"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:{attendeeEmail}",
            ]),
            "END:VCALENDAR",
        ]);

    /// <summary>
    /// A body's public calendar (METHOD:PUBLISH): every meeting of the plan, cancelled ones as cancelled,
    /// without the video link or anyone's address (those are for the people summoned).
    /// </summary>
    public static string PublicCalendar(IEnumerable<Meeting> plan, Body body, string communityName, DateTimeOffset stamp) =>
        Folded([
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Helsefellesskap//Sekretariat//NB",
            "METHOD:PUBLISH",
            $"X-WR-CALNAME:{Escape(body.DisplayName)}",
            .. plan.SelectMany(m => Event(m, body, communityName, stamp, 0, [$"DESCRIPTION:{Escape(communityName)}"])),
            "END:VCALENDAR",
        ]);

    private static IEnumerable<string> Event(Meeting meeting, Body body, string communityName, DateTimeOffset stamp, int sequence, IEnumerable<string> people) =>
    [
        "BEGIN:VEVENT",
        $"UID:{meeting.Id}@{Slug.Of(communityName)}",
        $"SEQUENCE:{sequence}",
        $"DTSTAMP:{Utc(stamp)}",
        $"DTSTART:{Utc(Common.Oslo.At(meeting.Date, meeting.Start))}",
        $"DTEND:{Utc(Common.Oslo.At(meeting.Date, meeting.End))}",
        $"SUMMARY:{Escape($"Møte i {body.DisplayName}")}",
        $"LOCATION:{Escape(meeting.Location)}",
        .. people,
        meeting.Status == MeetingStatus.Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED",
        "END:VEVENT",
    ];

    private static string Folded(IEnumerable<string> lines)
    {
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(Fold(line));
        }

        return text.ToString();
    }

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    /// <summary>Lines longer than 75 octets are folded, a space starting each continuation; never inside a UTF-8 sequence.</summary>
    private static string Fold(string line)
    {
        var result = new StringBuilder();
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > 75)
            {
                result.Append("\r\n ");
                octets = 1;
            }

            result.Append(rune.ToString());
            octets += size;
        }

        return result.Append("\r\n").ToString();
    }
}
