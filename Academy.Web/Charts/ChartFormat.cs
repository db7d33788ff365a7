using System.Globalization;

namespace Academy.Web.Charts;

/// <summary>Numbers as a chart prints them, in the page's culture.</summary>
public static class ChartFormat
{
    /// <summary>A share from 0 to 1 as a whole percentage: <c>87%</c> in English, <c>87 %</c> in French. .NET writes
    /// French percentages with an ordinary space, which a line may break at; French typography wants a narrow
    /// no-break space (U+202F) there.</summary>
    public static string Percent(double share, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentCulture;
        var text = share.ToString("P0", culture);
        return culture.TwoLetterISOLanguageName == "fr" ? text.Replace(' ', '\u202F').Replace('\u00A0', '\u202F') : text;
    }

    /// <summary>A count with the culture's thousands separator (<c>1,204</c>, <c>1 204</c>).</summary>
    public static string Count(int count, CultureInfo? culture = null) => count.ToString("N0", culture ?? CultureInfo.CurrentCulture);
}
