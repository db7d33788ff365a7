using System.Globalization;
using Academy.Domain.Practice;
using Academy.Domain.Reports;
using Academy.Web.Charts;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Pages.Passport;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Indicator;

/// <summary>The leading indicator for leaders: service ideas put into practice per month, per department and per
/// standard, beside training currency. HR and administrators see everyone; a manager, the people under them.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int Months = 12;

    public bool SeesEveryone { get; private set; }
    public int InPractice { get; private set; }
    public IReadOnlyList<Chart> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var (months, counts) = await CountsAsync(cancellationToken);
        InPractice = counts.Sum(c => c.Ideas);
        var content = catalog.Current;
        var standards = content.Standards;
        var currency = await StandardsCurrency.ByDepartmentAsync(db, db.People(User.EmployeeId(), SeesEveryone), SeesEveryone, content, standards, clock.GetUtcNow(), cancellationToken);
        Charts = [MonthChart(months, counts), DepartmentChart(counts, currency), StandardChart(counts, currency, standards)];
    }

    /// <summary>The counts behind the charts, one row per month, department and standard with at least one idea put
    /// into practice: UTF-8 with a BOM (Excel reads the accents), RFC 4180, cells that could run as formulas neutralised.
    /// A few hundred rows at most (12 months × departments × standards), so it is written whole, then sent.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var (_, counts) = await CountsAsync(cancellationToken);
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var standards = catalog.Current.Standards.ToDictionary(s => s.Id, s => s.TitleIn(language));
        using var file = new MemoryStream();
        await using (var csv = CsvWriter.Create(file, new CsvWriterOptions { WriteByteOrderMark = true }, leaveOpen: true))
        {
            foreach (var header in new[] { t["Month"], t["Department"], t["Standard id"], t["Standard"], t["Ideas put into practice"] })
                csv.WriteField(SpreadsheetText.Neutralise(header));
            await csv.EndRecordAsync(cancellationToken);
            foreach (var c in counts.OrderBy(c => c.Year).ThenBy(c => c.Month).ThenBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => c.StandardId, StringComparer.Ordinal))
            {
                csv.WriteField($"{c.Year:0000}-{c.Month:00}");
                csv.WriteField(SpreadsheetText.Neutralise(c.Department));
                csv.WriteField(SpreadsheetText.Neutralise(c.StandardId));
                csv.WriteField(SpreadsheetText.Neutralise(c.StandardId is { } id ? standards.GetValueOrDefault(id, id) : ""));
                csv.WriteField(c.Ideas, "");
                await csv.EndRecordAsync(cancellationToken);
            }
            await csv.FlushAsync(cancellationToken);
        }
        return File(file.ToArray(), "text/csv; charset=utf-8", $"ideas-in-practice-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    private async Task<(IReadOnlyList<DateOnly> Months, IReadOnlyList<IndicatorFigures.Count> Counts)> CountsAsync(CancellationToken cancellationToken)
    {
        SeesEveryone = User.SeesEveryone();
        var months = IdeaRules.LastMonths(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), Months);
        return (months, await IndicatorFigures.InPracticeAsync(db, User.EmployeeId(), SeesEveryone, months[0], cancellationToken));
    }

    private ColumnChart MonthChart(IReadOnlyList<DateOnly> months, IReadOnlyList<IndicatorFigures.Count> counts) => new("per-month",
        t["Ideas put into practice per month"],
        t["The number of service ideas put into practice in each of the last {0} months; the last column is the month under way.", Months],
        months.Select(m =>
        {
            var n = counts.Where(c => c.Year == m.Year && c.Month == m.Month).Sum(c => c.Ideas);
            // The axis has room for the short month over its year; the table names the month in full.
            return new ChartBar(m.ToString("MMM", CultureInfo.CurrentCulture) + "\n" + m.ToString("yyyy", CultureInfo.CurrentCulture), n,
                ChartFormat.Count(n), [ChartFormat.Count(n)], m.ToString("MMMM yyyy", CultureInfo.CurrentCulture));
        }).ToList(),
        new ChartTable([t["Month"], t["Ideas put into practice"]]));

    private BarChart DepartmentChart(IReadOnlyList<IndicatorFigures.Count> counts, IReadOnlyList<StandardsCurrency.DepartmentRow> currency)
    {
        var ideas = counts.GroupBy(c => c.Department ?? "").ToDictionary(g => g.Key, g => g.Sum(c => c.Ideas));
        var people = currency.ToDictionary(r => r.Department ?? "");
        var departments = ideas.Keys.Union(people.Keys).OrderBy(d => d.Length == 0 ? "\uffff" : d, StringComparer.CurrentCulture).ToList();
        return new("per-department",
            t["Ideas put into practice per department"],
            t["Over the last {0} months, each department’s ideas put into practice, beside its training currency: the share of its people current on the standards, all standards together. An idea counts in the department its author was in when posting it.", Months],
            Math.Max(1, ideas.Values.DefaultIfEmpty(0).Max()),
            departments.Select(d => (Name: d.Length == 0 ? t["No department"].Value : d, Ideas: ideas.GetValueOrDefault(d), Row: people.GetValueOrDefault(d)))
                .Select(d => new ChartBar(d.Name, d.Ideas, ChartFormat.Count(d.Ideas),
                    [ChartFormat.Count(d.Ideas), ChartFormat.Count(d.Row?.People ?? 0), d.Row?.Overall is { } share ? ChartFormat.Percent(share) : "–"])).ToList(),
            new ChartTable([t["Department"], t["Ideas put into practice"], t["People"], t["Training currency"]]));
    }

    private BarChart StandardChart(IReadOnlyList<IndicatorFigures.Count> counts, IReadOnlyList<StandardsCurrency.DepartmentRow> currency,
        IReadOnlyList<Academy.Domain.Content.Standard> standards)
    {
        var ideas = counts.GroupBy(c => c.StandardId ?? "").ToDictionary(g => g.Key, g => g.Sum(c => c.Ideas));
        var people = currency.Sum(r => r.People);
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var rows = standards.Select((s, i) => (Label: s.TitleIn(language), Ideas: ideas.GetValueOrDefault(s.Id),
                Share: people == 0 ? (double?)null : currency.Sum(r => r.Current[i]) / (double)people))
            .Append((Label: t["No standard"].Value, Ideas: ideas.GetValueOrDefault(""), Share: null))
            .Where(r => r.Share is not null || r.Ideas > 0).ToList();
        return new("per-standard",
            t["Ideas put into practice per standard"],
            t["Over the last {0} months, the ideas put into practice for each standard, beside the share of people current on it.", Months],
            Math.Max(1, ideas.Values.DefaultIfEmpty(0).Max()),
            rows.Select(r => new ChartBar(r.Label, r.Ideas, ChartFormat.Count(r.Ideas),
                [ChartFormat.Count(r.Ideas), r.Share is { } share ? ChartFormat.Percent(share) : "–"])).ToList(),
            new ChartTable([t["Standard"], t["Ideas put into practice"], t["People current"]]));
    }
}
