using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Documents;
using Helsefellesskap.Functions.Meetings;
using Microsoft.Extensions.Options;

namespace Helsefellesskap.Functions.Minutes;

/// <summary>
/// The minutes in full, exempt parts included, go to members and deputies as the summons' exempt papers do: the email
/// carries the public version, and the full one is behind a personal link that expires after <see cref="LinkDays"/>
/// days, so health data and other exempt text do not sit in two dozen mailboxes. A body may choose to attach the full
/// version instead (<see cref="BodyRules.AttachesFullMinutes"/>). With nothing exempt there is one version, attached.
/// </summary>
public sealed class FullMinutes(MeetingLinks links, MeetingStore meetings, DocumentStore documents, IOptions<CommunityOptions> community, TimeProvider clock)
{
    /// <summary>How long a link to the minutes in full lasts, from the day it is sent.</summary>
    public const int LinkDays = 30;

    /// <summary>Whether the full version goes through a link, not attached: something is exempt and the body has not chosen to attach it.</summary>
    public static bool ThroughLink(BodyRules rules, bool hasExempt) => hasExempt && !rules.AttachesFullMinutes;

    /// <summary>A personal link to the minutes in full, and its last day as the email says it ("fredag 12. mars 2027").</summary>
    public sealed record Link(string Url, string LastDay);

    /// <summary>The person's link, lasting <see cref="LinkDays"/> days from today.</summary>
    public Link For(Meeting meeting, string memberId)
    {
        var lastDay = Oslo.DateOf(clock.GetUtcNow()).AddDays(LinkDays);
        return new Link(links.FullMinutesUrl(meeting, memberId, lastDay), Norwegian.LongDate(lastDay));
    }

    /// <summary>
    /// The minutes in full as they stand (approved, corrected, else the latest draft), for a member or deputy of the
    /// meeting's roster whose link is valid; null otherwise.
    /// </summary>
    public async Task<byte[]?> Read(MeetingId meetingId, string memberId, long expires, string? token, CancellationToken ct)
    {
        if (!links.IsValid("referat-fullt", meetingId, memberId, expires, token, clock.GetUtcNow())
            || await meetings.FindMeeting(meetingId, ct) is not { } meeting || await meetings.FindBody(meeting.Body, ct) is not { } body
            || !(await meetings.Roster(meeting, ct)).Any(m => m.Id == memberId && m.ReceivesExemptPapers))
        {
            return null;
        }

        var folder = DocumentStore.MeetingFolder(community.Value.Name, body, meeting);
        var latest = await documents.Latest($"{folder}/referat", ct) ?? await documents.Latest($"{folder}/referat-utkast", ct);
        return latest is { } found ? await documents.Read(found.BlobName, ct) : null;
    }
}
