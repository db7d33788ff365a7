using Academy.Web.Charts;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Passport;

/// <summary>The passport seen from above: per department, the share of people current on each standard, for HR
/// (everyone) and managers (the people under them, at any depth).</summary>
public sealed class HeatMapModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public Charts.HeatMap Chart { get; private set; } = null!;
    public int People { get; private set; }
    public bool SeesEveryone { get; private set; }
    public IReadOnlyList<Academy.Domain.Content.Standard> Standards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        SeesEveryone = User.SeesEveryone();
        var people = db.People(User.EmployeeId(), SeesEveryone);
        if (!SeesEveryone && !await db.Users.AnyAsync(u => u.ManagerId == User.EmployeeId(), cancellationToken)) return Forbid();
        var content = catalog.Current;
        Standards = content.Standards;
        var rows = await StandardsCurrency.ByDepartmentAsync(db, people, content, Standards, clock.GetUtcNow(), cancellationToken);
        People = rows.Sum(r => r.People);
        Chart = Build(rows, Standards, t);
        return Page();
    }

    /// <summary>Departments down, standards across; each cell the share current, printed, and "–" for nobody.</summary>
    public static Charts.HeatMap Build(IReadOnlyList<StandardsCurrency.DepartmentRow> rows, IReadOnlyList<Academy.Domain.Content.Standard> standards, IStringLocalizer t) => new(
        "currency-heat-map",
        t["Who is current, per standard and department"],
        t["The share of each department’s people who are current on each standard: every module that teaches it completed, and not expired."],
        t["Department"],
        standards.Select(s => s.Title).ToList(),
        rows.Select(r => new HeatRow(t.Plural(r.People, "{0} ({1} person)", "{0} ({1} people)", r.Department ?? t["No department"], ChartFormat.Count(r.People)),
            standards.Select((_, i) => r.Share(i) is { } share ? new HeatCell(share, ChartFormat.Percent(share)) : new HeatCell(null, "–")).ToList())).ToList(),
        [.. new[] { (0, 19), (20, 39), (40, 59), (60, 79), (80, 100) }.Select(b => (string)t["{0}–{1}", b.Item1, ChartFormat.Percent(b.Item2 / 100.0)])]);
}
