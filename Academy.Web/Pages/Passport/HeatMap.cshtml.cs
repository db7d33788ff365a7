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
        var rows = await StandardsCurrency.ByDepartmentAsync(db, people, SeesEveryone, content, Standards, clock.GetUtcNow(), cancellationToken);
        People = rows.Sum(r => r.People);
        Chart = StandardsCurrency.HeatMapOf("currency-heat-map", t["Who is current, per standard and department"], rows, Standards, t);
        return Page();
    }
}
