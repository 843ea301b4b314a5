using Helsefellesskap.Functions.Common;

namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// "Dialogmøtet er formøte før partnerskapsmøtet": the dialogue meeting is held the same day as the partnership meeting,
/// before it. Moving one of them apart is allowed (a day can fall through), but is warned of until they are together again.
/// </summary>
public static class PairedMeetings
{
    /// <summary>What is wrong with a dialogue or partnership meeting's place beside its counterpart that year, or null.</summary>
    /// <param name="counterparts">The other kind's meetings (the partnership meetings for a dialogue meeting, and the other way round).</param>
    public static string? Warning(Meeting meeting, BodyKind kind, IEnumerable<Meeting> counterparts)
    {
        if (kind is not (BodyKind.Dialogue or BodyKind.Partnership) || meeting.Status != MeetingStatus.Planned)
        {
            return null;
        }

        var sameYear = counterparts.Where(c => c.Status == MeetingStatus.Planned && c.Date.Year == meeting.Date.Year).ToList();
        if (sameYear.Count == 0)
        {
            return null;
        }

        var (dialogue, partnership) = kind == BodyKind.Dialogue
            ? (meeting, sameYear.FirstOrDefault(c => c.Date == meeting.Date))
            : (sameYear.FirstOrDefault(c => c.Date == meeting.Date), meeting);
        if (dialogue is null || partnership is null)
        {
            var other = sameYear.OrderBy(c => Math.Abs(c.Date.DayNumber - meeting.Date.DayNumber)).First();
            return kind == BodyKind.Dialogue
                ? $"Dialogmøtet er formøtet før partnerskapsmøtet og holdes samme dag, men partnerskapsmøtet er {Norwegian.LongDate(other.Date)}."
                : $"Dialogmøtet er formøtet før partnerskapsmøtet og holdes samme dag, men dialogmøtet er {Norwegian.LongDate(other.Date)}.";
        }

        return dialogue.End > partnership.Start
            ? $"Dialogmøtet er formøtet før partnerskapsmøtet, men slutter kl. {Norwegian.Time(dialogue.End)}, etter at partnerskapsmøtet begynner kl. {Norwegian.Time(partnership.Start)}."
            : null;
    }
}
