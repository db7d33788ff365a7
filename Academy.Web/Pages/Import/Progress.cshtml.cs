using Academy.Web.Data;
using Academy.Web.Import;
using Academy.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Import;

/// <summary>Where an applied file stands. While it waits or runs, site.js reloads the page every few seconds (the
/// element's <c>data-refresh</c>; a meta refresh fails WCAG 2.2.1 in axe), and a link refreshes it without script.</summary>
public sealed class ProgressModel(AcademyDbContext db, ImportProgress progress, Invitations invitations, IBackgroundJobClient jobs, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const int RefreshSeconds = 2;

    public EmployeeImportFile Upload { get; private set; } = null!;
    public (int Done, int Total)? Running { get; private set; }
    public bool Finished => Upload.Status is ImportStatus.Applied or ImportStatus.Failed;

    /// <summary>Failed, or marked running by a process that stopped: nothing of it is written, and HR may run it again.</summary>
    public bool Stopped { get; private set; }

    /// <summary>After the apply: the employees the file lists, as stored now (HR has no access to the admin list).</summary>
    public IReadOnlyList<EmployeeRow> Employees { get; private set; } = [];
    public int EmployeeCount { get; private set; }

    public const int EmployeesShown = 100;

    /// <param name="Invited">Active, and no password chosen yet: HR may send the invitation again.</param>
    public sealed record EmployeeRow(string Id, string? EmployeeNumber, string FullName, string? Email, string? Department, string? JobRole, string? Manager,
        bool IsActive, bool Invited);

    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        // The file's bytes are not needed here.
        var file = await db.EmployeeImports.AsNoTracking().Where(f => f.Id == id)
            .Select(f => new EmployeeImportFile
            {
                Id = f.Id, FileName = f.FileName, Status = f.Status, AppliedAt = f.AppliedAt, Error = f.Error,
                Created = f.Created, Updated = f.Updated, Deactivated = f.Deactivated, Unchanged = f.Unchanged,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (file is null) return NotFound();
        if (file.Status == ImportStatus.Uploaded) return RedirectToPage("/Import/Preview", new { id });
        Upload = file;
        Running = progress.Of(id);
        Stopped = file.Status == ImportStatus.Failed || file.Status == ImportStatus.Running && !progress.IsAlive(id);
        if (file.Status == ImportStatus.Applied) await LoadEmployeesAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Queues a stopped import again. A file still being applied somewhere, or already queued again by an earlier
    /// press of the button, is left alone: the page then shows where it stands.</summary>
    public async Task<IActionResult> OnPostRunAgainAsync(int id, CancellationToken cancellationToken)
    {
        var status = await db.EmployeeImports.Where(f => f.Id == id).Select(f => (ImportStatus?)f.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null) return NotFound();
        if ((status == ImportStatus.Failed || status == ImportStatus.Running && !progress.IsAlive(id))
            && await EmployeeImportJob.RunAgainAsync(db, progress, id, cancellationToken))
            Message = t["The import is queued again."];
        return RedirectToPage(new { id });
    }

    /// <summary>A new invitation for someone who has not chosen a password (the first was lost, or expired). The security
    /// stamp changes with it, so the earlier link stops working and only the newest one opens.</summary>
    public async Task<IActionResult> OnPostResendAsync(int id, string employeeId, CancellationToken cancellationToken)
    {
        var employee = await db.Users.SingleOrDefaultAsync(u => u.Id == employeeId, cancellationToken);
        if (employee is null) return NotFound();
        if (!employee.IsActive || employee.PasswordHash is not null || employee.Email is null)
        {
            Message = t["{0} already has a password or is deactivated: no invitation was sent.", employee.FullName];
            return RedirectToPage(new { id });
        }
        var now = clock.GetUtcNow();
        // One per minute: a double click sends one mail.
        var key = $"invite:{employee.Id}:{now:yyyyMMddHHmm}";
        if (!await db.MailOutbox.AnyAsync(m => m.Key == key, cancellationToken))
        {
            employee.SecurityStamp = Guid.NewGuid().ToString();
            db.MailOutbox.Add(await invitations.ComposeAsync(employee, now, key));
            await db.SaveChangesAsync(cancellationToken);
            jobs.Enqueue<MailDispatchJob>(j => j.RunAsync(CancellationToken.None));
        }
        Message = t["A new invitation is on its way to {0}; the earlier link no longer works.", employee.Email];
        return RedirectToPage(new { id });
    }

    private async Task LoadEmployeesAsync(int id, CancellationToken cancellationToken)
    {
        var stored = await db.EmployeeImports.AsNoTracking().Where(f => f.Id == id).Select(f => new { f.Content, f.ColumnsJson }).SingleAsync(cancellationToken);
        var column = Array.IndexOf(ImportPlanner.Columns(new EmployeeImportFile { ColumnsJson = stored.ColumnsJson }), Academy.Domain.People.ImportField.EmployeeNumber);
        var numbers = ImportFileReader.Read(stored.Content).Rows.Select(r => column < r.Cells.Count ? r.Cells[column].Trim() : "").Where(n => n.Length > 0).ToList();
        EmployeeCount = numbers.Count;
        var shown = numbers.Take(EmployeesShown).ToList();
        Employees = await db.Users.AsNoTracking().Where(u => shown.Contains(u.EmployeeNumber!)).OrderBy(u => u.FullName)
            .Select(u => new EmployeeRow(u.Id, u.EmployeeNumber, u.FullName, u.Email, u.Department, u.JobRole, u.Manager == null ? null : u.Manager.FullName, u.IsActive,
                u.IsActive && u.PasswordHash == null))
            .ToListAsync(cancellationToken);
    }
}
