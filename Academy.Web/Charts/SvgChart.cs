using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Academy.Web.Charts;

/// <summary>Draws a <see cref="Chart"/> as inline SVG on the server: no script, and no inline style either (the content
/// security policy forbids it), so every length and colour is an attribute. The SVG is an image with a title and a
/// description; every value is printed as text beside its mark, and the page repeats the numbers as a table
/// (<c>_Chart.cshtml</c>).</summary>
/// <remarks>Coordinates are written with the invariant culture, whatever the page's language: a French decimal comma in
/// an attribute would break the drawing. Text widths are estimated (no font measuring on the server), generously.</remarks>
public static class SvgChart
{
    /// <summary>Ink on paper, and the bars' blue: both above 7:1 against white.</summary>
    private const string Ink = "#1d2430", Muted = "#4f5b6b", Line = "#d7dde5", Wash = "#f4f6f9", Bar = "#0b5c8e";

    /// <summary>Five shades, lightest first, for a heat map's shares. The first three carry dark text, the last two
    /// white text, each pair above 4.5:1; the printed value, not the shade, is what a reader relies on.</summary>
    public static readonly IReadOnlyList<(string Fill, string Text)> Shades =
    [
        ("#f1f6fb", Ink), ("#c6dbef", Ink), ("#7fb2d9", Ink), ("#2566a8", "#ffffff"), ("#0b2f5c", "#ffffff"),
    ];

    private const double FontSize = 13, CharWidth = 7.4;

    public static IHtmlContent Render(Chart chart) => new HtmlString(chart switch
    {
        BarChart bars => Bars(bars),
        ColumnChart columns => Columns(columns),
        HeatMap map => Heat(map),
        _ => throw new ArgumentOutOfRangeException(nameof(chart), chart.GetType().Name, "Not a chart this renderer draws."),
    });

    /// <summary>The shade (0 to 4) of a share from 0 to 1: 0–19 %, 20–39 %, 40–59 %, 60–79 %, 80–100 %.</summary>
    public static int ShadeOf(double share) => Math.Clamp((int)Math.Floor(share * 5 + 1e-9), 0, 4);

    private static string Bars(BarChart chart)
    {
        // The track is short enough for a department's bar to fit a 390 px phone at 80 % of its size or more.
        const double rowHeight = 30, barHeight = 18, track = 240, valueRoom = 80;
        var labelWidth = LabelWidth(chart.Bars.Select(b => b.Label), 240);
        var width = labelWidth + track + valueRoom;
        var height = chart.Bars.Count * rowHeight + 8;
        var svg = Open(chart, width, height, fits: true);
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            var top = 4 + i * rowHeight + (rowHeight - barHeight) / 2;
            var baseline = top + barHeight / 2 + FontSize * 0.35;
            var length = chart.Max <= 0 ? 0 : Math.Clamp(bar.Value / chart.Max, 0, 1) * track;
            svg.Append("<g class=\"bar\">");
            Text(svg, labelWidth - 8, baseline, Fit(bar.Label, labelWidth - 8), "end", Ink);
            svg.Append(Invariant($"<rect x=\"{labelWidth}\" y=\"{top}\" width=\"{track}\" height=\"{barHeight}\" fill=\"{Wash}\" stroke=\"{Line}\"/>"));
            svg.Append(Invariant($"<rect class=\"fill\" x=\"{labelWidth}\" y=\"{top}\" width=\"{Round(length)}\" height=\"{barHeight}\" fill=\"{Bar}\"/>"));
            Text(svg, labelWidth + track + 6, baseline, bar.Text, "start", Ink, "value");
            svg.Append("</g>");
        }
        svg.Append(Invariant($"<line x1=\"{labelWidth}\" y1=\"0\" x2=\"{labelWidth}\" y2=\"{height}\" stroke=\"{Muted}\"/>"));
        return svg.Append("</svg>").ToString();
    }

    private static string Columns(ColumnChart chart)
    {
        // Tight, so that twelve months shrink to a phone's width no smaller than two thirds of their size.
        const double gap = 8, plot = 180, top = 24, axis = 36;
        // As wide as the longest line of a label (a French "Maintenant"), so that none is cut.
        var column = Math.Clamp(Math.Ceiling(chart.Bars.SelectMany(c => c.Label.Split('\n')).Select(l => l.Length).DefaultIfEmpty(0).Max() * CharWidth) + 4 - gap, 32, 120);
        var labelLines = chart.Bars.Any(c => c.Label.Contains('\n')) ? 2 : 1;
        var bottom = 10 + labelLines * (FontSize + 3);
        var max = NiceMax(chart.Bars.Select(c => c.Value).DefaultIfEmpty(0).Max());
        var width = axis + chart.Bars.Count * (column + gap) + gap;
        var height = top + plot + bottom;
        var svg = Open(chart, width, height, fits: true);
        foreach (var tick in new[] { 0, max / 2, max })
        {
            var y = top + plot - tick / max * plot;
            svg.Append(Invariant($"<line x1=\"{axis}\" y1=\"{Round(y)}\" x2=\"{width}\" y2=\"{Round(y)}\" stroke=\"{(tick == 0 ? Muted : Line)}\"/>"));
            Text(svg, axis - 6, y + FontSize * 0.35, tick.ToString("N0", CultureInfo.CurrentCulture), "end", Muted, "tick");
        }
        for (var i = 0; i < chart.Bars.Count; i++)
        {
            var bar = chart.Bars[i];
            var x = axis + gap + i * (column + gap);
            var length = Math.Clamp(bar.Value / max, 0, 1) * plot;
            svg.Append("<g class=\"column\">");
            svg.Append(Invariant($"<rect class=\"fill\" x=\"{x}\" y=\"{Round(top + plot - length)}\" width=\"{column}\" height=\"{Round(length)}\" fill=\"{Bar}\"/>"));
            Text(svg, x + column / 2, top + plot - length - 6, bar.Text, "middle", Ink, "value");
            var lines = bar.Label.Split('\n');
            for (var line = 0; line < lines.Length; line++)
                Text(svg, x + column / 2, top + plot + FontSize + 4 + line * (FontSize + 3), Fit(lines[line], column + gap - 2), "middle", Ink);
            svg.Append("</g>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Heat(HeatMap chart)
    {
        const double cell = 72, cellHeight = 34;
        var labelWidth = LabelWidth(chart.Rows.Select(r => r.Label), 220);
        // Column headers are written at 45°, so their height is their length × sin 45°.
        var longest = Math.Min(chart.Columns.Select(c => c.Length).DefaultIfEmpty(0).Max(), 30);
        var header = Math.Ceiling(longest * CharWidth * 0.71) + 16;
        var width = labelWidth + chart.Columns.Count * cell + Math.Ceiling(longest * CharWidth * 0.71);
        var height = header + chart.Rows.Count * cellHeight + 4;
        // Not shrunk to fit: a phone would print its figures at a third of their size. It scrolls in its box, and the
        // table under it, whose first column stays put, is the one to read on a phone.
        var svg = Open(chart, width, height, fits: false);
        for (var c = 0; c < chart.Columns.Count; c++)
        {
            var x = labelWidth + c * cell + cell / 2;
            svg.Append(Invariant($"<text x=\"{Round(x)}\" y=\"{Round(header - 8)}\" transform=\"rotate(-45 {Round(x)} {Round(header - 8)})\" fill=\"{Ink}\" class=\"column-label\">"))
                .Append(Encode(Fit(chart.Columns[c], 30 * CharWidth))).Append("</text>");
        }
        for (var r = 0; r < chart.Rows.Count; r++)
        {
            var row = chart.Rows[r];
            var y = header + r * cellHeight;
            svg.Append("<g class=\"heat-row\">");
            Text(svg, labelWidth - 8, y + cellHeight / 2 + FontSize * 0.35, Fit(row.Label, labelWidth - 8), "end", Ink);
            for (var c = 0; c < row.Cells.Count && c < chart.Columns.Count; c++)
            {
                var value = row.Cells[c];
                var (fill, text) = value.Share is { } share ? Shades[ShadeOf(share)] : ("#ffffff", Muted);
                var x = labelWidth + c * cell;
                svg.Append(Invariant($"<rect class=\"cell shade-{(value.Share is { } s ? ShadeOf(s).ToString(CultureInfo.InvariantCulture) : "none")}\" x=\"{x}\" y=\"{y}\" width=\"{cell}\" height=\"{cellHeight}\" fill=\"{fill}\" stroke=\"#ffffff\" stroke-width=\"2\"/>"));
                Text(svg, x + cell / 2, y + cellHeight / 2 + FontSize * 0.35, value.Text, "middle", text, "value");
            }
            svg.Append("</g>");
        }
        return svg.Append("</svg>").ToString();
    }

    /// <param name="fits">The SVG shrinks to its box's width when narrower (site.css, <c>svg.fits</c>), text and all.</param>
    private static StringBuilder Open(Chart chart, double width, double height, bool fits)
    {
        var svg = new StringBuilder(4096);
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart{(fits ? " fits" : "")}\" id=\"{chart.Id}-svg\" role=\"img\" aria-labelledby=\"{chart.Id}-title {chart.Id}-desc\" "))
            .Append(Invariant($"width=\"{Round(width)}\" height=\"{Round(height)}\" viewBox=\"0 0 {Round(width)} {Round(height)}\" preserveAspectRatio=\"xMinYMin meet\" "))
            .Append(Invariant($"font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\" font-size=\"{FontSize}\">"))
            .Append("<title id=\"").Append(chart.Id).Append("-title\">").Append(Encode(chart.Title)).Append("</title>")
            .Append("<desc id=\"").Append(chart.Id).Append("-desc\">").Append(Encode(chart.Description)).Append("</desc>");
        // Paper behind the marks: the contrast of every colour is reckoned against white, whatever the page behind. A
        // chart that scrolls has its box's paper instead (site.css, .chart-scroll), for the box's scroll shadows to show.
        if (fits) svg.Append(Invariant($"<rect width=\"{Round(width)}\" height=\"{Round(height)}\" rx=\"8\" fill=\"#ffffff\"/>"));
        return svg;
    }

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor, string fill, string? cssClass = null)
    {
        svg.Append(Invariant($"<text x=\"{Round(x)}\" y=\"{Round(y)}\" text-anchor=\"{anchor}\" fill=\"{fill}\""));
        if (cssClass is not null) svg.Append(" class=\"").Append(cssClass).Append('"');
        svg.Append('>').Append(Encode(text)).Append("</text>");
    }

    /// <summary>Room for the longest label, within <paramref name="max"/>; longer labels are shortened with an
    /// ellipsis (the table under the chart has them whole). A sixth more than the estimate: a wide font (DejaVu Sans,
    /// Linux's usual) cut "Human Resources" at the chart's left edge.</summary>
    private static double LabelWidth(IEnumerable<string> labels, double max) =>
        Math.Min(Math.Ceiling(labels.Select(l => l.Length).DefaultIfEmpty(4).Max() * CharWidth * 7 / 6) + 12, max);

    private static string Fit(string text, double width)
    {
        var room = (int)(width / CharWidth);
        return text.Length <= room || room < 2 ? text : text[..(room - 1)].TrimEnd() + "…";
    }

    /// <summary>The top of a count scale: 2, 4, 6, 8 or 10 times a power of ten, at least the largest value and at
    /// least 2, so that the middle line always falls on a whole number.</summary>
    public static double NiceMax(double max)
    {
        if (max <= 2) return 2;
        var power = Math.Pow(10, Math.Floor(Math.Log10(max)) - 1);
        foreach (var scale in new[] { power, power * 10 })
            foreach (var step in new[] { 2, 4, 6, 8, 10 })
                if (step * scale >= max) return step * scale;
        return 20 * power * 10;
    }

    private static string Round(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
