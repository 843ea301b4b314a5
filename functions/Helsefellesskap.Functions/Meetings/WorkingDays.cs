namespace Helsefellesskap.Functions.Meetings;

/// <summary>
/// Norwegian working days (virkedager): Monday to Friday, except the public holidays — 1 January,
/// Maundy Thursday, Good Friday, Easter Monday, 1 May, 17 May, Ascension Day, Whit Monday, 25 and 26
/// December (Easter Sunday and Whit Sunday fall on Sundays anyway).
/// </summary>
public static class WorkingDays
{
    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous algorithm of Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
        int f = (b + 8) / 25, g = (b - f + 1) / 3, h = ((19 * a) + b - d - g + 15) % 30;
        int i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451;
        int month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    public static IReadOnlyDictionary<DateOnly, string> PublicHolidays(int year)
    {
        var easter = EasterSunday(year);
        return new Dictionary<DateOnly, string>
        {
            [new DateOnly(year, 1, 1)] = "Første nyttårsdag",
            [easter.AddDays(-3)] = "Skjærtorsdag",
            [easter.AddDays(-2)] = "Langfredag",
            [easter] = "Første påskedag",
            [easter.AddDays(1)] = "Andre påskedag",
            [new DateOnly(year, 5, 1)] = "Arbeidernes dag",
            [new DateOnly(year, 5, 17)] = "Grunnlovsdag",
            [easter.AddDays(39)] = "Kristi himmelfartsdag",
            [easter.AddDays(49)] = "Første pinsedag",
            [easter.AddDays(50)] = "Andre pinsedag",
            [new DateOnly(year, 12, 25)] = "Første juledag",
            [new DateOnly(year, 12, 26)] = "Andre juledag",
        };
    }

    public static bool IsPublicHoliday(DateOnly date) => PublicHolidays(date.Year).ContainsKey(date);

    public static bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsPublicHoliday(date);

    /// <summary>The date <paramref name="count"/> working days after <paramref name="date"/> (the date itself not counted).</summary>
    public static DateOnly After(DateOnly date, int count)
    {
        var day = date;
        for (var found = 0; found < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                found++;
            }
        }

        return day;
    }

    /// <summary>The first working day after <paramref name="date"/>.</summary>
    public static DateOnly Next(DateOnly date) => After(date, 1);
}
