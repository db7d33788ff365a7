using System.Globalization;
using Academy.Domain.Reports;
using Academy.Web.Charts;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Pages.Passport;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Reports;

/// <summary>Three charts for HR (everyone) and managers (their reports, at any depth): completion rate per department,
/// overdue assignments at the end of each of the last 12 weeks, and the share of people current on each standard.</summary>
public sealed class ChartsModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int Weeks = 12;

    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? Location { get; set; }

    public bool SeesEveryone { get; private set; }
    public int People { get; private set; }
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public IReadOnlyList<string> Locations { get; private set; } = [];
    public IReadOnlyList<Chart> Charts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        SeesEveryone = User.SeesEveryone();
        var scope = db.People(User.EmployeeId(), SeesEveryone);
        Departments = await scope.Where(u => u.Department != null).Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        Locations = await scope.Where(u => u.Location != null).Select(u => u.Location!).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
        var people = scope.Where(u => (Department == null || u.Department == Department) && (Location == null || u.Location == Location));
        People = await people.CountAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var content = catalog.Current;
        var completion = await TrainingFigures.CompletionByDepartmentAsync(db, people, cancellationToken);
        var overdue = await TrainingFigures.OverdueByWeekAsync(db, people, ReportWeeks.Last(Weeks, now), cancellationToken);
        var coverage = await StandardsCurrency.ByDepartmentAsync(db, people, SeesEveryone && Department == null && Location == null, content, content.Standards, now, cancellationToken);
        // Current on a standard by the passport's rule, so this heat map and the passport's give the same numbers.
        Charts = [CompletionChart(completion), OverdueChart(overdue),
            StandardsCurrency.HeatMapOf("coverage", t["Standards coverage per department"], coverage, content.Standards, t)];
    }

    private string DepartmentName(string? department) => department ?? t["No department"];

    private BarChart CompletionChart(IReadOnlyList<TrainingFigures.DepartmentCompletion> rows) => new("completion",
        t["Completion rate per department"],
        t["The share of each department’s current assignments that are completed. Removed assignments do not count."],
        1,
        rows.Select(r => new ChartBar(DepartmentName(r.Department), r.Rate, ChartFormat.Percent(r.Rate),
            [ChartFormat.Count(r.Completed), ChartFormat.Count(r.Assigned), ChartFormat.Percent(r.Rate)])).ToList(),
        new ChartTable([t["Department"], t["Completed assignments"], t["Assignments"], t["Completion rate"]]));

    private ColumnChart OverdueChart(IReadOnlyList<TrainingFigures.WeekOverdue> weeks) => new("overdue",
        t["Overdue assignments per week"],
        t["The number of assignments that were overdue at the end of each of the last {0} weeks (Monday to Sunday); the last column is the week under way, counted now.", Weeks],
        weeks.Select(w => new ChartBar(w.Week.IsCurrent ? t["Now"] : w.Week.Day.ToString("d MMM", CultureInfo.CurrentCulture),
            w.Overdue, ChartFormat.Count(w.Overdue),
            [ChartFormat.Count(w.Overdue)],
            // The axis has room for the day and month only; the table names the day in full.
            w.Week.IsCurrent ? t["Now ({0})", Jobs.NoticeText.Date(w.Week.Day)] : Jobs.NoticeText.Date(w.Week.Day))).ToList(),
        new ChartTable([t["Week ending"], t["Overdue assignments"]]));
}
