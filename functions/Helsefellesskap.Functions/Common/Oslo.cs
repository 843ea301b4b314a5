namespace Helsefellesskap.Functions.Common;

/// <summary>Dates and instants in Europe/Oslo, where every rule of the statutes is counted.</summary>
public static class Oslo
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    public static DateTimeOffset LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The instant a wall-clock time on a date happens in Oslo.</summary>
    /// <remarks>A time in the spring-forward gap is taken at the standard offset, which moves it one hour on.</remarks>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateTimeOffset StartOfDay(DateOnly date) => At(date, TimeOnly.MinValue);

    /// <summary>True while the day has not ended in Oslo: a deadline "by the end of" that day.</summary>
    public static bool IsOnOrBefore(DateTimeOffset instant, DateOnly lastDay) => instant < StartOfDay(lastDay.AddDays(1));
}
