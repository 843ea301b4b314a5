using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Tests.Meetings;

/// <summary>"Dialogmøtet er formøte før partnerskapsmøtet": the same day, before it; moved apart, it is warned of.</summary>
public sealed class PairedMeetingsTests
{
    private static readonly DateOnly May12 = new(2027, 5, 12);

    private static Meeting At(string body, DateOnly date, int start, int end) =>
        new(MeetingId.For(body, date, MeetingKind.Ordinary), body, date, new TimeOnly(start, 0), new TimeOnly(end, 0), "Mo i Rana", null, MeetingKind.Ordinary, MeetingStatus.Planned);

    [Fact]
    public void TheDialogueMeeting_BeforeThePartnershipMeeting_TheSameDay_IsInOrder()
    {
        Assert.Null(PairedMeetings.Warning(At("dialog", May12, 10, 11), BodyKind.Dialogue, [At("pm", May12, 12, 15)]));
        Assert.Null(PairedMeetings.Warning(At("pm", May12, 12, 15), BodyKind.Partnership, [At("dialog", May12, 10, 11)]));
    }

    [Fact]
    public void TheDialogueMeeting_AfterThePartnershipMeetingBegins_IsWarnedOf()
    {
        Assert.Equal("Dialogmøtet er formøtet før partnerskapsmøtet, men slutter kl. 15:00, etter at partnerskapsmøtet begynner kl. 10:00.",
            PairedMeetings.Warning(At("dialog", May12, 13, 15), BodyKind.Dialogue, [At("pm", May12, 10, 12)]));
    }

    [Fact]
    public void EitherMovedToAnotherDay_IsWarnedOf_OnBoth()
    {
        var moved = At("pm", new DateOnly(2027, 5, 19), 12, 15);
        Assert.Equal("Dialogmøtet er formøtet før partnerskapsmøtet og holdes samme dag, men partnerskapsmøtet er onsdag 19. mai 2027.",
            PairedMeetings.Warning(At("dialog", May12, 10, 11), BodyKind.Dialogue, [moved]));
        Assert.Equal("Dialogmøtet er formøtet før partnerskapsmøtet og holdes samme dag, men dialogmøtet er onsdag 12. mai 2027.",
            PairedMeetings.Warning(moved, BodyKind.Partnership, [At("dialog", May12, 10, 11)]));
    }

    [Fact]
    public void AYearWithoutTheOther_OrAnotherKindOfBody_HasNoWarning()
    {
        Assert.Null(PairedMeetings.Warning(At("dialog", May12, 10, 11), BodyKind.Dialogue, [At("pm", new DateOnly(2028, 5, 10), 12, 15)]));
        Assert.Null(PairedMeetings.Warning(At("ssu", May12, 10, 14), BodyKind.Strategic, [At("pm", new DateOnly(2027, 5, 19), 12, 15)]));
    }
}
