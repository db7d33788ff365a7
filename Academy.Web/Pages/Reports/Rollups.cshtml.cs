using System.Globalization;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Pages.Reports;

/// <summary>Completion and overdue rates per department and per manager, over every cell of the filtered report. The
/// cells are counted by the database (<see cref="RollupsQuery"/>), with the report's status rule, so the rates agree with
/// the report and its exports without reading them; over every module, one standard's or one program's, the counts kept
/// per employee (<see cref="TrainingCounts"/>) serve, and only the employees whose counts are stale are counted live.</summary>
public sealed class RollupsModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IOptions<AcademyOptions> options) : PageModel
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

    /// <summary>When some counts are not live: the oldest count shown.</summary>
    public DateTimeOffset? AsOf { get; private set; }

    /// <summary>Employees left out because they have not been counted yet.</summary>
    public int Uncounted { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReportScope.ForAsync(User, db, cancellationToken) is not { } scope) return Forbid();
        if (!ModelState.IsValid) return Page();
        var now = clock.GetUtcNow();
        var report = new CompletionReport(db, catalog.Current, scope, Filter, now);
        var modules = report.Modules(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        // The kept counts cover every module, each standard's and each program's; a filter on one module, or on several
        // things that select modules, counts live.
        var group = modules.Count == catalog.Current.Modules.Count ? null : TrainingCounts.GroupOf(Filter);
        var kept = group is not null || modules.Count == catalog.Current.Modules.Count;
        var people = await report.Employees()
            .Select(u => new
            {
                u.Id, u.Department, Manager = u.Manager == null ? null : u.Manager.FullName, Counts = db.TrainingCounts.FirstOrDefault(c => c.EmployeeId == u.Id),
                InGroup = group == null ? null : db.TrainingGroupCounts.FirstOrDefault(c => c.EmployeeId == u.Id && c.Group == group),
            })
            .ToListAsync(cancellationToken);
        var cells = new Dictionary<string, long[]>();
        var live = new List<string>();
        var key = TrainingCounts.CatalogKey(catalog.Current);
        long[] Kept(EmployeeTrainingCount row, EmployeeTrainingGroupCount? inGroup) =>
            Cells((group is null ? row.ByStatus() : (inGroup ?? new EmployeeTrainingGroupCount()).ByStatus()), modules.Count);
        foreach (var person in people)
            if (kept && person.Counts is { } row && row.IsFreshAt(now, key)) cells[person.Id] = Kept(row, person.InGroup);
            else live.Add(person.Id);
        var limit = options.Value.Reports.LiveCountLimit;
        if (kept && live.Count > limit)
        {
            // Too many to count within a page view (the date changed, content was published, the job has not run yet):
            // the last counts, dated, until the job (every few minutes) has counted them again.
            var uncounted = new List<string>();
            foreach (var person in people.Where(p => !cells.ContainsKey(p.Id)))
                if (person.Counts is { Counted: >= 0 } row && row.Catalog == key)
                {
                    cells[person.Id] = Kept(row, person.InGroup);
                    if (AsOf is null || row.CountedAt < AsOf) AsOf = row.CountedAt;
                }
                else uncounted.Add(person.Id);
            live = uncounted.Count > limit ? [] : uncounted;
            Uncounted = uncounted.Count - live.Count;
        }
        foreach (var (id, byStatus) in await new RollupsQuery(db, catalog.Current, now).CountsAsync(modules, live, cancellationToken)) cells[id] = byStatus;
        var departments = new Dictionary<string, int[]>();
        var managers = new Dictionary<string, int[]>();
        var total = new int[4];
        foreach (var person in people)
        {
            if (!cells.TryGetValue(person.Id, out var byStatus)) continue;
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

    private static long[] Cells(long[] byStatus, int modules)
    {
        byStatus[(int)TrainingStatus.NotAssigned] = modules - byStatus.Sum();
        return byStatus;
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
