namespace Academy.Web.Charts;

/// <summary>One bar or column: its label, the value that sets its length and the text printed beside it, already
/// formatted for the reader (<c>87 %</c>, <c>1 204</c>), so that no colour or length has to be read to get the number.</summary>
/// <param name="Cells">The same bar's figures for the table under the chart, one per <see cref="ChartTable.Headers"/>
/// after the first (the label's).</param>
/// <param name="FullLabel">The label in the table when the chart's is a short form (<c>30 Nov</c> for a week).</param>
public sealed record ChartBar(string Label, double Value, string Text, IReadOnlyList<string> Cells, string? FullLabel = null);

/// <summary>One row of a heat map: its label and one cell per column.</summary>
public sealed record HeatRow(string Label, IReadOnlyList<HeatCell> Cells);

/// <summary>A heat map cell: a share from 0 to 1, or null when there is nothing to measure (nobody in the row), and
/// the text printed in the cell.</summary>
public sealed record HeatCell(double? Share, string Text);

/// <summary>The headers of the table that repeats a chart's numbers: the first names the label column.</summary>
public sealed record ChartTable(IReadOnlyList<string> Headers);

/// <summary>A chart as the page shows it: drawn as SVG and repeated as a table. <see cref="Id"/> is unique on the
/// page; the SVG's title and description and the table's caption refer to it.</summary>
public abstract record Chart(string Id, string Title, string Description)
{
    /// <summary>Shown instead of the chart when there is nothing to draw.</summary>
    public abstract bool IsEmpty { get; }
}

/// <summary>A chart of one value per category or period, each shown as a bar and repeated as a table row.</summary>
public abstract record SeriesChart(string Id, string Title, string Description, IReadOnlyList<ChartBar> Bars, ChartTable Table)
    : Chart(Id, Title, Description)
{
    public override bool IsEmpty => Bars.Count == 0;
}

/// <summary>Horizontal bars, one per category (a department), against a fixed maximum (1 for a rate).</summary>
public sealed record BarChart(string Id, string Title, string Description, double Max, IReadOnlyList<ChartBar> Bars, ChartTable Table)
    : SeriesChart(Id, Title, Description, Bars, Table);

/// <summary>Columns along time (weeks, months), oldest first; the scale starts at zero and fits the largest value. A
/// label may hold one line break, for two lines under its column.</summary>
public sealed record ColumnChart(string Id, string Title, string Description, IReadOnlyList<ChartBar> Bars, ChartTable Table)
    : SeriesChart(Id, Title, Description, Bars, Table);

/// <summary>A grid of shares: rows (departments) × columns (standards). The table repeats it cell for cell.</summary>
/// <param name="Corner">The header of the row labels' column in the table.</param>
/// <param name="Legend">The text of each of the five shades, lightest first (<c>0–19 %</c>…).</param>
public sealed record HeatMap(string Id, string Title, string Description, string Corner, IReadOnlyList<string> Columns,
    IReadOnlyList<HeatRow> Rows, IReadOnlyList<string> Legend) : Chart(Id, Title, Description)
{
    public override bool IsEmpty => Rows.Count == 0 || Columns.Count == 0;
}
