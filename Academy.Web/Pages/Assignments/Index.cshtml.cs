using Academy.Domain.Assignments;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Assignments;

/// <summary>HR's audience rules: what is assigned to whom, with how many open and completed assignments each has.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IBackgroundJobClient jobs) : PageModel
{
    public const string MessageKey = "AssignmentsMessage";

    /// <summary>What the last save or retire did, as English text the view translates.</summary>
    [TempData(Key = MessageKey)] public string? Message { get; set; }

    public sealed record Row(int Id, string Title, string Rule, string Due, string Reason, bool FromContent, bool Retired, int Open, int Completed);

    public IReadOnlyList<Row> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Assignments.AsNoTracking().Where(a => a.RuleId != null && a.RemovedAt == null)
            .GroupBy(a => a.RuleId!.Value).Select(g => new { Id = g.Key, Open = g.Count(a => a.CompletedAt == null), Completed = g.Count(a => a.CompletedAt != null) })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var rules = await db.AssignmentRules.AsNoTracking().OrderBy(r => r.RetiredAt != null).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        Rules = rules.Select(r => new Row(r.Id, NoticeText.Title(catalog.Current, r.ItemKind, r.ItemId, "en"), Describe(r.Rule), DescribeDue(r), r.Reason, r.FromContent, r.RetiredAt != null,
            counts.GetValueOrDefault(r.Id)?.Open ?? 0, counts.GetValueOrDefault(r.Id)?.Completed ?? 0)).ToList();
    }

    public async Task<IActionResult> OnPostRetireAsync(int id, CancellationToken cancellationToken)
    {
        var rule = await db.AssignmentRules.SingleOrDefaultAsync(r => r.Id == id && !r.FromContent, cancellationToken);
        if (rule is null) return NotFound();
        rule.RetiredAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        // Unfinished assignments from this rule are withdrawn now, not at the next scheduled run.
        jobs.Enqueue<AssignmentSyncJob>(j => j.RunForRuleAsync(id, CancellationToken.None));
        Message = "The rule is retired. Its unfinished assignments are being withdrawn now; completed ones are kept.";
        return RedirectToPage();
    }

    private static string DescribeDue(AssignmentRule r) => r.DueKind switch
    {
        DueKind.Fixed => r.DueOn is { } on ? NoticeText.Date(on) : "",
        DueKind.AfterHire => $"{r.DueAfter} / hire",
        DueKind.AfterAssignment => $"{r.DueAfter} / assignment",
        _ => "",
    };

    /// <summary>The rule in short words for the list; it is data (names, dates), so it is not translated.</summary>
    public static string Describe(AudienceRule? rule) => rule switch
    {
        null => "?",
        Everyone => "everyone",
        Departments d => "department: " + string.Join(", ", d.Names),
        JobRoles j => "job role: " + string.Join(", ", j.Names),
        Locations l => "location: " + string.Join(", ", l.Names),
        TeamOf t => (t.AllReports ? "all reports of " : "direct reports of ") + t.ManagerId[..Math.Min(8, t.ManagerId.Length)],
        HiredAfter h => $"hired from {h.Date:yyyy-MM-dd}",
        People p => $"{p.EmployeeIds.Count} people",
        AllOf all => "(" + string.Join(" AND ", all.Rules.Select(Describe)) + ")",
        AnyOf any => "(" + string.Join(" OR ", any.Rules.Select(Describe)) + ")",
        _ => "?",
    };
}
