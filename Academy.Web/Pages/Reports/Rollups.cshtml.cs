using System.Globalization;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>Completion and overdue rates per department and per manager, over every cell of the filtered report. The
/// cells are counted by the database (<see cref="RollupsQuery"/>), with the report's status rule, so the rates agree with
/// the report and its exports without reading them.</summary>
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
        var now = clock.GetUtcNow();
        var report = new CompletionReport(db, catalog.Current, scope, Filter, now);
        var modules = report.Modules(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var people = await report.Employees()
            .Select(u => new { u.Id, u.Department, Manager = u.Manager == null ? null : u.Manager.FullName })
            .ToListAsync(cancellationToken);
        var cells = await new RollupsQuery(db, catalog.Current, now).CountsAsync(modules, people.Select(p => p.Id).ToList(), cancellationToken);
        var departments = new Dictionary<string, int[]>();
        var managers = new Dictionary<string, int[]>();
        var total = new int[4];
        foreach (var person in people)
        {
            var byStatus = cells[person.Id];
            // As the report's status filter: only the employees with at least one cell in that status.
            if (Filter.Status is { } status && byStatus[(int)status] == 0) continue;
            var counts = Counts(byStatus);
            Add(departments, person.Department ?? "", counts);
            Add(managers, person.Manager ?? "", counts);
            Add(total, counts);
        }
        Departments = departments.Select(d => Of(d.Key, d.Value)).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        Managers = managers.Select(d => Of(d.Key, d.Value)).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
        Total = Of("", total);
        return Page();
    }

    /// <summary>Employees, assigned, completed (still valid: completed or expiring), overdue.</summary>
    private static int[] Counts(long[] byStatus) =>
    [
        1,
        (int)(byStatus.Sum() - byStatus[(int)TrainingStatus.NotAssigned]),
        (int)(byStatus[(int)TrainingStatus.Completed] + byStatus[(int)TrainingStatus.Expiring]),
        (int)byStatus[(int)TrainingStatus.Overdue],
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
