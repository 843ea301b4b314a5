using Helsefellesskap.Functions.Common;
using Helsefellesskap.Functions.Meetings;

namespace Helsefellesskap.Functions.Tests.Meetings;

/// <summary>Virkedager: Monday–Friday except Norwegian public holidays, counted in Europe/Oslo.</summary>
public sealed class WorkingDaysTests
{
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2028, 4, 16)]
    [InlineData(2029, 4, 1)]
    [InlineData(2030, 4, 21)]
    [InlineData(2031, 4, 13)]
    [InlineData(2032, 3, 28)]
    public void EasterSunday_IsComputed(int year, int month, int day) =>
        Assert.Equal(new DateOnly(year, month, day), WorkingDays.EasterSunday(year));

    [Theory]
    [InlineData(2024, "2024-03-28", "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20")]
    [InlineData(2025, "2025-04-17", "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09")]
    [InlineData(2026, "2026-04-02", "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25")]
    [InlineData(2027, "2027-03-25", "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17")]
    [InlineData(2028, "2028-04-13", "2028-04-14", "2028-04-17", "2028-05-25", "2028-06-05")]
    [InlineData(2029, "2029-03-29", "2029-03-30", "2029-04-02", "2029-05-10", "2029-05-21")]
    [InlineData(2030, "2030-04-18", "2030-04-19", "2030-04-22", "2030-05-30", "2030-06-10")]
    [InlineData(2031, "2031-04-10", "2031-04-11", "2031-04-14", "2031-05-22", "2031-06-02")]
    [InlineData(2032, "2032-03-25", "2032-03-26", "2032-03-29", "2032-05-06", "2032-05-17")]
    public void MovableHolidays_MaundyThursdayGoodFridayEasterMondayAscensionWhitMonday(int year, string maundy, string goodFriday, string easterMonday, string ascension, string whitMonday)
    {
        var holidays = WorkingDays.PublicHolidays(year);
        Assert.Equal("Skjærtorsdag", holidays[DateOnly.Parse(maundy)]);
        Assert.Equal("Langfredag", holidays[DateOnly.Parse(goodFriday)]);
        Assert.Equal("Andre påskedag", holidays[DateOnly.Parse(easterMonday)]);
        Assert.Equal("Kristi himmelfartsdag", holidays[DateOnly.Parse(ascension)]);
        Assert.Equal("Andre pinsedag", holidays[DateOnly.Parse(whitMonday)]);
    }

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2026-05-01")]
    [InlineData("2026-05-17")]
    [InlineData("2026-12-25")]
    [InlineData("2026-12-26")]
    public void FixedHolidays_AreHolidays(string date) => Assert.True(WorkingDays.IsPublicHoliday(DateOnly.Parse(date)));

    [Fact]
    public void Weekend_IsNoWorkingDay()
    {
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 11, 28)));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 11, 29)));
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 11, 30)));
    }

    [Fact]
    public void FourWorkingDaysAfterAThursday_IsTheWednesday() =>
        Assert.Equal(new DateOnly(2026, 12, 2), WorkingDays.After(new DateOnly(2026, 11, 26), 4));

    [Fact]
    public void FourWorkingDays_SkipEaster()
    {
        // Draft sent Wednesday 24 March 2027: Maundy Thursday 25, Good Friday 26, the weekend and Easter Monday 29 do not count.
        Assert.Equal(new DateOnly(2027, 4, 2), WorkingDays.After(new DateOnly(2027, 3, 24), 4));
        // Tuesday 31 March 2026: Wednesday 1 April counts; 2, 3 and 6 April are holidays.
        Assert.Equal(new DateOnly(2026, 4, 9), WorkingDays.After(new DateOnly(2026, 3, 31), 4));
    }

    [Fact]
    public void FourWorkingDays_Skip17MayAndAscension()
    {
        // 2027: Ascension Day is Thursday 6 May; 17 May is a Monday.
        Assert.Equal(new DateOnly(2027, 5, 11), WorkingDays.After(new DateOnly(2027, 5, 4), 4));
        Assert.Equal(new DateOnly(2027, 5, 20), WorkingDays.After(new DateOnly(2027, 5, 13), 4));
    }

    [Fact]
    public void EndOfDay_IsMidnightInOslo_AcrossTheDaylightSavingChange()
    {
        // Summer time starts Sunday 28 March 2027 at 02:00: the day is 23 hours long.
        var start = Oslo.StartOfDay(new DateOnly(2027, 3, 28));
        var next = Oslo.StartOfDay(new DateOnly(2027, 3, 29));
        Assert.Equal(TimeSpan.FromHours(23), next - start);
        Assert.Equal(TimeSpan.FromHours(2), next.Offset);
        Assert.True(Oslo.IsOnOrBefore(next.AddTicks(-1), new DateOnly(2027, 3, 28)));
        Assert.False(Oslo.IsOnOrBefore(next, new DateOnly(2027, 3, 28)));
    }
}
