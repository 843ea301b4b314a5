using System.Globalization;

namespace Helsefellesskap.Functions.Common;

/// <summary>How dates and times are written for a Norwegian reader.</summary>
public static class Norwegian
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("nb-NO");

    /// <summary>"torsdag 11. februar 2027".</summary>
    public static string LongDate(DateOnly date) => date.ToString("dddd d. MMMM yyyy", Culture);

    /// <summary>"11.02.2027".</summary>
    /// <summary>"1 sak", "3 saker".</summary>
    public static string Count(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    public static string ShortDate(DateOnly date) => date.ToString("dd.MM.yyyy", Culture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", Culture);

    public static string DateTime(DateTimeOffset instant)
    {
        var local = Oslo.LocalTime(instant);
        return $"{ShortDate(DateOnly.FromDateTime(local.DateTime))} kl. {Time(TimeOnly.FromDateTime(local.DateTime))}";
    }
}
