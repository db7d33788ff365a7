using System.ComponentModel.DataAnnotations;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Assignments;

/// <summary>A one-off assignment by hand: a program or module for one person or a few, with a due date and a reason,
/// recorded as manual with who assigned it. No rule ever withdraws it; HR removes it here.</summary>
public sealed class ManualModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose a program or module.")]
        public string Item { get; set; } = "";

        /// <summary>Email addresses, separated by commas or lines.</summary>
        [Required(ErrorMessage = "Enter the email of at least one person.")]
        public string People { get; set; } = "";

        [Required(ErrorMessage = "Enter the due date.")]
        public DateOnly? DueOn { get; set; }

        [Required(ErrorMessage = "Say why this is assigned."), StringLength(500)]
        public string Reason { get; set; } = "";
    }

    public sealed record Row(long Id, string Name, string Email, ContentTitle Title, DateOnly? DueOn, string Reason, string? AssignedBy, DateTimeOffset AssignedAt, bool Completed);

    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<EditModel.Option> Items { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        var item = Input.Item.Split(':', 2) is [var k, var id] && Enum.TryParse<ItemKind>(k, true, out var kind) && AssignmentSyncJob.Exists(catalog.Current, kind, id)
            ? new AssignedItem(kind, id) : (AssignedItem?)null;
        if (item is null) ModelState.AddModelError("Input.Item", t["Choose a program or module."]);
        var now = clock.GetUtcNow();
        if (Input.DueOn < DateOnly.FromDateTime(now.UtcDateTime)) ModelState.AddModelError("Input.DueOn", t["The due date is in the past: choose today or a later date."]);
        var emails = AudienceForm.Split(Input.People);
        var people = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!) && u.IsActive).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        var unknown = emails.Where(e => !people.Any(p => string.Equals(p.Email, e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0) ModelState.AddModelError("Input.People", t["No active employee has the email {0}.", string.Join(", ", unknown)]);
        if (!ModelState.IsValid || item is not { } what)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var ids = people.Select(p => p.Id).Distinct().ToList();
        var existing = await db.Assignments.Where(a => ids.Contains(a.EmployeeId) && a.ItemKind == what.Kind && a.ItemId == what.Id && a.Cycle == 0)
            .ToDictionaryAsync(a => a.EmployeeId, cancellationToken);
        var (assigned, already) = (0, 0);
        foreach (var employeeId in ids)
        {
            if (existing.TryGetValue(employeeId, out var row) && row.RemovedAt is null)
            {
                already++;
                continue;
            }
            // A withdrawn assignment of the same item comes back as this manual one: the (employee, item, cycle) key is unique.
            row ??= db.Assignments.Add(new Assignment { EmployeeId = employeeId, ItemKind = what.Kind, ItemId = what.Id, Cycle = 0 }).Entity;
            (row.Source, row.RuleId, row.AssignedById, row.Reason, row.AssignedAt, row.DueOn, row.DueFromAssignmentDate, row.RemovedAt, row.CompletedAt) =
                (AssignmentSource.Manual, null, User.EmployeeId(), Input.Reason.Trim(), now, Input.DueOn, false, null, null);
            assigned++;
        }
        await db.SaveChangesAsync(cancellationToken);
        Message = t.Plural(assigned, "Assigned to {0} person.", "Assigned to {0} people.")
            + (already > 0 ? " " + t.Plural(already, "{0} person already had it and was left as is.", "{0} people already had it and were left as they are.") : "");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken)
    {
        var row = await db.Assignments.SingleOrDefaultAsync(a => a.Id == id && a.Source == AssignmentSource.Manual && a.RemovedAt == null && a.CompletedAt == null, cancellationToken);
        if (row is null) return NotFound();
        row.RemovedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        Message = t["The assignment is removed."];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var content = catalog.Current;
        Items = content.Programs.Select(p => new EditModel.Option(AudienceForm.Key(ItemKind.Program, p.Id), p.Title))
            .Concat(content.Modules.Values.OrderBy(m => m.Default.Title).Select(m => new EditModel.Option(AudienceForm.Key(ItemKind.Module, m.Id), m.Default.Title))).ToList();
        var rows = await db.Assignments.AsNoTracking().Where(a => a.Source == AssignmentSource.Manual && a.RemovedAt == null)
            .OrderByDescending(a => a.AssignedAt).ThenByDescending(a => a.Id).Take(200)
            .Join(db.Users, a => a.EmployeeId, u => u.Id, (a, u) => new { a, u.FullName, u.Email })
            .Select(x => new { x.a.Id, x.FullName, x.Email, x.a.ItemKind, x.a.ItemId, x.a.DueOn, x.a.Reason, By = db.Users.Where(b => b.Id == x.a.AssignedById).Select(b => b.FullName).FirstOrDefault(), x.a.AssignedAt, x.a.CompletedAt })
            .ToListAsync(cancellationToken);
        Rows = rows.Select(r => new Row(r.Id, r.FullName, r.Email ?? "", NoticeText.TitleIn(content, r.ItemKind, r.ItemId, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName), r.DueOn, r.Reason, r.By, r.AssignedAt, r.CompletedAt != null)).ToList();
    }

    public string? Error(string key) => ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;
}
