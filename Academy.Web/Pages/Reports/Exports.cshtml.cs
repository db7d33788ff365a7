using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>The audit list of report exports: who took which filter's data, when, and how many rows. Newest first.</summary>
public sealed class ExportsModel(AcademyDbContext db) : PageModel
{
    public const int Shown = 200;

    public IReadOnlyList<ExportRecord> Records { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Records = await db.ReportExports.AsNoTracking().OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Take(Shown).ToListAsync(cancellationToken);
}
