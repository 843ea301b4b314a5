using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Helsefellesskap.Functions.Common;

/// <summary>A year in a route ("/compliance/2027", "/arsmelding/2027"): read once, refused the same way everywhere.</summary>
public static class YearParameter
{
    public const int First = 2000;
    public const int Last = 2100;

    /// <summary>The year the text gives, or null.</summary>
    public static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= First and <= Last ? y : null;

    public static string Problem(string year) => $"«{year}» er ikke et årstall mellom {First} og {Last}.";

    /// <summary>The API's answer: a 400 naming the field.</summary>
    public static ProblemHttpResult Invalid(string year)
    {
        var errors = new ValidationErrors();
        errors.Add("year", Problem(year));
        return Problems.Validation(errors);
    }
}
