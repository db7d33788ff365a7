using Academy.Domain.People;
using Academy.Web.Data;
using Academy.Web.Import;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Import;

/// <summary>What the stored file would change, computed on every view against the employees stored now; nothing is
/// written until Apply, which hands the file to <see cref="EmployeeImportJob"/>.</summary>
public sealed class PreviewModel(AcademyDbContext db, ImportProgress progress, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Enough to fix a file by; the count says how many more there are.</summary>
    public const int ErrorsShown = 200;

    public EmployeeImportFile Upload { get; private set; } = null!;
    public ImportCheck Check { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) => await ShowAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostColumnsAsync(int id, string?[] columns, bool deactivateMissing, CancellationToken cancellationToken)
    {
        var file = await db.EmployeeImports.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null) return NotFound();
        if (file.Status != ImportStatus.Uploaded) return RedirectToPage("/Import/Progress", new { id });
        var chosen = columns.Select(c => Enum.TryParse<ImportField>(c, out var f) && Enum.IsDefined(f) ? f : (ImportField?)null).ToList();
        foreach (var twice in chosen.OfType<ImportField>().GroupBy(f => f).Where(g => g.Count() > 1))
            ModelState.AddModelError("columns", t["“{0}” is chosen for two columns: choose it for one only.", t[ImportText.Field(twice.Key)]]);
        if (!ModelState.IsValid) return await ShowAsync(id, cancellationToken);
        var width = ImportPlanner.Columns(file).Length;
        file.ColumnsJson = ImportPlanner.ColumnsJson(chosen.Concat(Enumerable.Repeat<ImportField?>(null, width)).Take(width));
        file.DeactivateMissing = deactivateMissing;
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostApplyAsync(int id, CancellationToken cancellationToken)
    {
        var file = await db.EmployeeImports.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null) return NotFound();
        if (file.Status != ImportStatus.Uploaded) return RedirectToPage("/Import/Progress", new { id });
        var check = await ImportPlanner.CheckAsync(db, file, cancellationToken);
        if (check.MissingColumns.Count > 0 || check.Plan.Errors.Count > 0)
        {
            ModelState.AddModelError("apply", t["Nothing was written: the file still has errors. Correct them in the HR system, export again and upload the new file."]);
            return await ShowAsync(id, cancellationToken);
        }
        file.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(cancellationToken);
        progress.Enqueue(id);
        return RedirectToPage("/Import/Progress", new { id });
    }

    private async Task<IActionResult> ShowAsync(int id, CancellationToken cancellationToken)
    {
        var file = await db.EmployeeImports.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null) return NotFound();
        if (file.Status != ImportStatus.Uploaded) return RedirectToPage("/Import/Progress", new { id });
        Upload = file;
        Check = await ImportPlanner.CheckAsync(db, file, cancellationToken);
        return Page();
    }

    /// <summary>The first value of a column, to help choose what it holds.</summary>
    public string Sample(int column) => Check.File.Rows.Select(r => column < r.Cells.Count ? r.Cells[column] : "").FirstOrDefault(v => v.Length > 0) ?? "";
}
