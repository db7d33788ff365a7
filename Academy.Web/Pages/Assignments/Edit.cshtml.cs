using Academy.Domain.Assignments;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Academy.Web.Pages.Assignments;

/// <summary>Create or edit an audience rule. "Preview" shows who gains and who loses the assignment, with counts, and
/// saves nothing; "Save" stores the rule and queues its sync, so it applies within moments rather than at the next
/// scheduled run (the request does not wait for it).</summary>
public sealed class EditModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IOptions<AcademyOptions> options, IBackgroundJobClient jobs,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Option(string Value, string Label);

    [BindProperty]
    public AudienceForm Form { get; set; } = new() { Everyone = true };

    public int? Id { get; private set; }
    public IReadOnlyList<Option> Items { get; private set; } = [];
    public IReadOnlyList<Option> Managers { get; private set; } = [];
    public AudiencePreview? Preview { get; private set; }
    public IReadOnlyList<string> GainNames { get; private set; } = [];
    public IReadOnlyList<string> LossNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            if (await db.AssignmentRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && !r.FromContent && r.RetiredAt == null, cancellationToken) is not { } row) return NotFound();
            var emails = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
            Form = AudienceForm.From(row, emails);
        }
        Id = id;
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        await LoadChoicesAsync(cancellationToken);
        if (await ValidRuleAsync(cancellationToken) is not { } rule) return Page();
        var stored = id is null ? null : await db.AssignmentRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        var size = options.Value.Jobs.BatchSize;
        Preview = AudiencePreview.Compare(await EmployeeBatches.MatchingAsync(db, stored?.Rule, size, cancellationToken), await EmployeeBatches.MatchingAsync(db, rule, size, cancellationToken));
        var shown = Preview.Gains.Take(50).Concat(Preview.Losses.Take(50)).ToList();
        var names = await db.Users.AsNoTracking().Where(u => shown.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        GainNames = Preview.Gains.Take(50).Select(g => names[g]).Order().ToList();
        LossNames = Preview.Losses.Take(50).Select(g => names[g]).Order().ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        if (await ValidRuleAsync(cancellationToken) is not { } rule)
        {
            await LoadChoicesAsync(cancellationToken);
            return Page();
        }
        var now = clock.GetUtcNow();
        var row = id is null ? null : await db.AssignmentRules.SingleOrDefaultAsync(r => r.Id == id && !r.FromContent && r.RetiredAt == null, cancellationToken);
        if (id is not null && row is null) return NotFound();
        if (row is null)
        {
            row = new AssignmentRule { CreatedById = User.EmployeeId(), CreatedAt = now };
            db.AssignmentRules.Add(row);
        }
        var (kind, itemId) = Form.ParsedItem!.Value;
        var due = Form.Due;
        (row.ItemKind, row.ItemId, row.RuleJson, row.DueKind, row.DueOn, row.DueAfter, row.Reason, row.UpdatedAt) =
            (kind, itemId, rule.ToJson(), due.Kind, due.On, due.After?.ToString(), Form.Reason.Trim(), now);
        await db.SaveChangesAsync(cancellationToken);
        var ruleId = row.Id;
        jobs.Enqueue<AssignmentSyncJob>(j => j.RunForRuleAsync(ruleId, CancellationToken.None));
        TempData[IndexModel.MessageKey] = "The rule is saved. It is being applied now: the counts below fill in within moments.";
        return RedirectToPage("/Assignments/Index");
    }

    /// <summary>The rule the form describes, or null with the reasons in ModelState.</summary>
    private async Task<AudienceRule?> ValidRuleAsync(CancellationToken cancellationToken)
    {
        if (Form.ParsedItem is not { } item || !AssignmentSyncJob.Exists(catalog.Current, item.Kind, item.Id))
            ModelState.AddModelError("Form.Item", "Choose a program or module.");
        if (Form.Due.Problem(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) is { } problem)
            ModelState.AddModelError("Form.DueOn", problem);
        var emails = AudienceForm.Split(Form.People);
        var people = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!)).Select(u => new { u.Id, u.Email }).ToListAsync(cancellationToken);
        var unknown = emails.Where(e => !people.Any(p => string.Equals(p.Email, e, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0) ModelState.AddModelError("Form.People", t["No employee has the email {0}.", string.Join(", ", unknown)]);
        var rule = Form.Rule(people.Select(p => p.Id).ToList());
        if (rule is null) ModelState.AddModelError("Form.Everyone", "Choose who: everyone, or at least one department, job role, location, team, hire date or person.");
        return ModelState.IsValid ? rule : null;
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        var content = catalog.Current;
        Items = content.Programs.Select(p => new Option(AudienceForm.Key(ItemKind.Program, p.Id), p.Title))
            .Concat(content.Modules.Values.OrderBy(m => m.Default.Title).Select(m => new Option(AudienceForm.Key(ItemKind.Module, m.Id), m.Default.Title))).ToList();
        Managers = await db.Users.AsNoTracking().Where(u => u.IsActive && db.Users.Any(r => r.ManagerId == u.Id)).OrderBy(u => u.FullName)
            .Select(u => new Option(u.Id, u.FullName)).ToListAsync(cancellationToken);
    }

    public string? Error(string key) => ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;
}
