using System.Globalization;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages.Reports;

/// <summary>Completion and overdue rates per department and per manager, over every cell of the filtered report. It reads
/// the whole report through the same reader as the exports (so the rates agree with them), which is why it is a page of
/// its own and not part of the report's first screen.</summary>
public sealed class RollupsModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    /// <summary>Counts of assigned cells (every status but "not assigned").</summary>
    public sealed record Rollup(string Name, int Employees, int Assigned, int Completed, int Overdue)
    {
        public double CompletionRate => Assigned == 0 ? 0 : (double)Completed / Assigned;
        public double OverdueRate => Assigned == 0 ? 0 : (double)Overdue / Assigned;
    }

    [BindProperty(SupportsGet = true)] public ReportFilter Filter { get; set; } = new();

    public IReadOnlyList<Rollup> Departments { get; private set; } = [];
    public IReadOnlyList<Rollup> Managers { get; private set; } = [];
    public Rollup Total { get; private set; } = new("", 0, 0, 0, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReportScope.ForAsync(User, db, cancellationToken) is not { } scope) return Forbid();
        if (!ModelState.IsValid) return Page();
        var report = new CompletionReport(db, catalog.Current, scope, Filter, clock.GetUtcNow());
        var modules = report.Modules(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var departments = new Dictionary<string, int[]>();
        var managers = new Dictionary<string, int[]>();
        var total = new int[4];
        await foreach (var row in report.RowsAsync(modules, null, CompletionReport.ChunkSize(modules.Count), cancellationToken))
        {
            var counts = Counts(row);
            Add(departments, row.Department ?? "", counts);
            Add(managers, row.Manager ?? "", counts);
            Add(total, counts);
        }
        Departments = departments.Select(d => Of(d.Key, d.Value)).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        Managers = managers.Select(d => Of(d.Key, d.Value)).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        Total = Of("", total);
        return Page();
    }

    /// <summary>Employees, assigned, completed (still valid: completed or expiring), overdue.</summary>
    private static int[] Counts(ReportRow row) =>
    [
        1,
        row.Cells.Count(c => c.Status != TrainingStatus.NotAssigned),
        row.Cells.Count(c => c.Status is TrainingStatus.Completed or TrainingStatus.Expiring),
        row.Cells.Count(c => c.Status == TrainingStatus.Overdue),
    ];

    private static void Add(Dictionary<string, int[]> groups, string key, int[] counts)
    {
        if (!groups.TryGetValue(key, out var sums)) groups[key] = sums = new int[4];
        Add(sums, counts);
    }

    private static void Add(int[] sums, int[] counts)
    {
        for (var i = 0; i < sums.Length; i++) sums[i] += counts[i];
    }

    private static Rollup Of(string name, int[] s) => new(name, s[0], s[1], s[2], s[3]);
}
