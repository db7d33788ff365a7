using System.Globalization;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Pages.Catalog;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages.Programs;

public sealed class DetailsModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    public ProgramDocument Program { get; private set; } = null!;
    public IReadOnlyList<ModuleCard> Cards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var content = catalog.Current;
        if (content.Programs.FirstOrDefault(p => p.Id == id) is not { } program) return NotFound();
        Program = program;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var progress = await LearnerProgress.ForEmployeeAsync(db, User.EmployeeId(), content, clock.GetUtcNow(), cancellationToken);
        Cards = program.ModuleIds.Select(content.Module).OfType<PublishedModule>()
            .Select(m => ModuleCard.Of(m, language, progress.GetValueOrDefault(m.Id)))
            .ToList();
        return Page();
    }
}
