using System.Globalization;

namespace Academy.Web.Pages.Workspace;

/// <summary>Layout and number format of the statistics page's bar charts. The charts are inline SVG because the
/// content security policy allows no inline style, so a bar's length has to be an attribute.</summary>
public static class StatisticsChart
{
    /// <summary>Room for the label in front of a bar: a choice number.</summary>
    public const int LabelWidth = 36;

    /// <summary>The length of a 100% bar.</summary>
    public const int Track = 240;

    public const int BarHeight = 16;

    /// <summary>Where the value after a bar starts.</summary>
    public const int ValueX = LabelWidth + Track + 6;

    public const int Width = ValueX + 50;

    private const int RowHeight = 24;

    public static int Height(int rows) => rows * RowHeight;

    public static int BarTop(int row) => row * RowHeight + (RowHeight - BarHeight) / 2;

    /// <summary>Where a row's text sits: vertically centred on its bar.</summary>
    public static int TextBaseline(int row) => row * RowHeight + RowHeight / 2 + 4;

    /// <summary>In whole units, so that no culture writes the attribute with a decimal comma.</summary>
    public static int Length(decimal percent) =>
        (int)Math.Round(Math.Clamp(percent, 0, 100) * Track / 100, MidpointRounding.AwayFromZero);

    /// <summary>A percentage (0 to 100) for people: one decimal at most, written the way the page's culture writes
    /// percentages (<c>55.6%</c>, <c>55,6 %</c>).</summary>
    public static string Percent(decimal percent)
    {
        var rounded = Math.Round(percent, 1, MidpointRounding.AwayFromZero);
        return (rounded / 100).ToString(rounded % 1 == 0 ? "P0" : "P1", CultureInfo.CurrentCulture);
    }
}
