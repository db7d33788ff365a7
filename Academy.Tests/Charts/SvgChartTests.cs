using System.Globalization;
using Academy.Web.Charts;
using AngleSharp.Html.Parser;

namespace Academy.Tests.Charts;

/// <summary>The renderer alone: what any page that draws a chart with it can count on.</summary>
public sealed class SvgChartTests
{
    private static readonly ChartTable Table = new(["Month", "Ideas"]);

    [Fact]
    public void Render_IsANamedImage_WithEveryValuePrinted_AndTextEncoded()
    {
        var chart = new ColumnChart("ideas", "Ideas <per> month", "Ideas put into practice & shared",
            [new("Oct", 3, "3", ["3"]), new("Nov", 0, "0", ["0"]), new("Dec", 7, "7", ["7"])], Table);
        var svg = Parse(chart);

        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("ideas-title ideas-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("Ideas <per> month", svg.QuerySelector("title#ideas-title")!.TextContent);
        Assert.Equal("Ideas put into practice & shared", svg.QuerySelector("desc#ideas-desc")!.TextContent);
        Assert.Equal(["3", "0", "7"], svg.QuerySelectorAll("text.value").Select(t => t.TextContent).ToArray());
        // The scale tops at 8 (the next of 2, 4, 6, 8, 10 above 7): a column of 7 is 7/8 of the 180-unit plot.
        Assert.Equal(["0", "4", "8"], svg.QuerySelectorAll("text.tick").Select(t => t.TextContent).ToArray());
        Assert.Equal("157.5", svg.QuerySelectorAll("rect.fill")[2].GetAttribute("height"));
    }

    [Fact]
    public void Render_WritesCoordinatesWithAPoint_WhateverTheCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr");
        try
        {
            var chart = new BarChart("rate", "Rate", "Rate", 1, [new("A", 1 / 7.0, "14 %", ["14 %"])], Table);
            var svg = Parse(chart);
            // A seventh of the 240-unit track.
            Assert.Equal("34.3", svg.QuerySelector("rect.fill")!.GetAttribute("width"));
            Assert.DoesNotContain(",", svg.GetAttribute("viewBox"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void HeatMap_ShadesByFifths_AndPrintsADashWhereThereIsNobody()
    {
        var chart = new HeatMap("cover", "Coverage", "Coverage", "Team", ["A", "B", "C"],
            [new("Front", [new(0.19, "19%"), new(0.2, "20%"), new(1, "100%")]), new("Empty", [new(null, "–"), new(null, "–"), new(null, "–")])],
            ["0–19%", "20–39%", "40–59%", "60–79%", "80–100%"]);
        var svg = Parse(chart);
        var cells = svg.QuerySelectorAll("rect.cell").Select(c => c.ClassList.Last()).ToArray();
        Assert.Equal(["shade-0", "shade-1", "shade-4", "shade-none", "shade-none", "shade-none"], cells);
        Assert.Equal(["19%", "20%", "100%", "–", "–", "–"], svg.QuerySelectorAll("text.value").Select(t => t.TextContent).ToArray());
        // The legend is the page's, outside the drawing, so that it wraps on a phone.
        Assert.Empty(svg.QuerySelectorAll("text.legend"));
        Assert.DoesNotContain("fits", svg.ClassList);
    }

    [Fact]
    public void BarsAndColumns_ShrinkToTheirBox_WithTwelveMonthsNoWiderThanAPhoneCanShowAtTwoThirds()
    {
        var months = Enumerable.Range(1, 12).Select(m => new ChartBar($"{new DateTime(2026, m, 1):MMM}\n2026", m, $"{m}", [$"{m}"])).ToList();
        var columns = Parse(new ColumnChart("months", "Months", "Months", months, Table));
        var bars = Parse(new BarChart("departments", "Departments", "Departments", 1, [new("Front Desk", 1, "1", ["1"])], Table));

        Assert.Contains("fits", columns.ClassList);
        Assert.Contains("fits", bars.ClassList);
        // A 390 px phone leaves 350 px to the chart: the twelve months' labels, all printed, at two thirds or more.
        Assert.InRange(double.Parse(columns.GetAttribute("width")!, CultureInfo.InvariantCulture), 350, 350 * 3 / 2.0);
        Assert.InRange(double.Parse(bars.GetAttribute("width")!, CultureInfo.InvariantCulture), 350, 350 / 0.8);
        Assert.Equal("2026", columns.QuerySelectorAll("text").Last().TextContent);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 10)]
    [InlineData(11, 20)]
    [InlineData(100, 100)]
    [InlineData(1234, 2000)]
    public void NiceMax_IsTheNextRoundTop(double max, double top) => Assert.Equal(top, SvgChart.NiceMax(max));

    [Fact]
    public void Percent_InFrench_HasANarrowNoBreakSpace()
    {
        Assert.Equal("87\u202F%", ChartFormat.Percent(0.87, CultureInfo.GetCultureInfo("fr")));
        Assert.Equal("87%", ChartFormat.Percent(0.87, CultureInfo.GetCultureInfo("en")));
    }

    private static AngleSharp.Dom.IElement Parse(Chart chart) =>
        new HtmlParser().ParseDocument($"<body>{SvgChart.Render(chart)}</body>").QuerySelector("svg")!;
}
