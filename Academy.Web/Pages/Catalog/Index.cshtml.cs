using System.Globalization;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages.Catalog;

public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Standard { get; set; }

    public IReadOnlyList<Standard> Standards { get; private set; } = [];
    public IReadOnlyList<ModuleCard> Cards { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var content = catalog.Current;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var progress = await LearnerProgress.ForEmployeeAsync(db, User.EmployeeId(), content, clock.GetUtcNow(), cancellationToken);
        Standards = content.Standards;
        Cards = content.Modules.Values
            .Select(m => ModuleCard.Of(m, language, progress.GetValueOrDefault(m.Id)))
            .Where(c => string.IsNullOrWhiteSpace(Kind) || c.Module.Kind.ToString().Equals(Kind, StringComparison.OrdinalIgnoreCase))
            .Where(c => string.IsNullOrWhiteSpace(Standard) || c.Module.Standards.Contains(Standard))
            .Where(c => string.IsNullOrWhiteSpace(Q) || c.Module.Title.Contains(Q.Trim(), StringComparison.CurrentCultureIgnoreCase))
            .OrderBy(c => c.Module.Kind).ThenBy(c => c.Module.Title, StringComparer.CurrentCulture)
            .ToList();
    }
}
