using Academy.Domain.People;
using Academy.Web.Data;
using Academy.Web.Import;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Import;

/// <summary>HR uploads the HR system's CSV here; the file is kept in the database and previewed before anything about
/// an employee is written. Below, the history of every file.</summary>
// The body limit sits above the file limit, so a file that is too large gets a message on the form, not a bare 413.
[RequestSizeLimit(ImportFileReader.MaxBytes * 3L)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportFileReader.MaxBytes * 3L)]
public sealed class IndexModel(AcademyDbContext db, ImportProgress progress, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool DeactivateMissing { get; set; }

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public sealed record HistoryRow(int Id, DateTimeOffset UploadedAt, string? UploadedBy, string FileName, ImportStatus Status,
        int Created, int Updated, int Deactivated, int Unchanged)
    {
        /// <summary>Marked running by a process that stopped: its page offers to run it again.</summary>
        public bool Stopped { get; init; }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken) => History = await HistoryAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
            ModelState.AddModelError(nameof(Upload), t["Choose the CSV file exported by the HR system."]);
        else if (Upload.Length > ImportFileReader.MaxBytes)
            ModelState.AddModelError(nameof(Upload), t["The file is {0:0.#} MB; the limit is {1} MB. Check that it is the employee export, or split it.",
                Upload.Length / 1048576.0, ImportFileReader.MaxBytes / 1048576]);
        if (!ModelState.IsValid)
        {
            History = await HistoryAsync(cancellationToken);
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        ImportFileText text;
        try
        {
            text = ImportFileReader.Read(bytes);
        }
        catch (ImportFileException e)
        {
            ModelState.AddModelError(nameof(Upload), t[e.Message, e.Arguments]);
            History = await HistoryAsync(cancellationToken);
            return Page();
        }
        var file = new EmployeeImportFile
        {
            FileName = Path.GetFileName(Upload.FileName) is { Length: > 0 and <= 260 } name ? name : "employees.csv",
            Content = bytes, ColumnsJson = ImportPlanner.ColumnsJson(ImportHeaders.Map(text.Headers)), DeactivateMissing = DeactivateMissing,
            UploadedById = User.EmployeeId(), UploadedAt = clock.GetUtcNow(), Status = ImportStatus.Uploaded,
        };
        db.EmployeeImports.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage("/Import/Preview", new { id = file.Id });
    }

    private async Task<IReadOnlyList<HistoryRow>> HistoryAsync(CancellationToken cancellationToken) =>
        (await db.EmployeeImports.AsNoTracking().OrderByDescending(f => f.Id).Take(100)
            .Select(f => new HistoryRow(f.Id, f.UploadedAt, db.Users.Where(u => u.Id == f.UploadedById).Select(u => u.FullName).FirstOrDefault(), f.FileName, f.Status,
                f.Created, f.Updated, f.Deactivated, f.Unchanged))
            .ToListAsync(cancellationToken))
        .Select(r => r.Status == ImportStatus.Running && !progress.IsAlive(r.Id) ? r with { Stopped = true } : r)
        .ToList();
}
