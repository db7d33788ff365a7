using Academy.Domain.Assignments;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Assignments;

/// <summary>HR's audience rules: what is assigned to whom, with how many open and completed assignments each has.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IBackgroundJobClient jobs, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string MessageKey = "AssignmentsMessage";

    /// <summary>What the last save or retire did, as English text the view translates.</summary>
    [TempData(Key = MessageKey)] public string? Message { get; set; }

    public sealed record Row(int Id, ContentTitle Title, string Rule, string Due, string Reason, bool FromContent, bool Retired, int Open, int Completed);

    public IReadOnlyList<Row> Rules { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Assignments.AsNoTracking().Where(a => a.RuleId != null && a.RemovedAt == null)
            .GroupBy(a => a.RuleId!.Value).Select(g => new { Id = g.Key, Open = g.Count(a => a.CompletedAt == null), Completed = g.Count(a => a.CompletedAt != null) })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        var rules = await db.AssignmentRules.AsNoTracking().OrderBy(r => r.RetiredAt != null).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        var managerIds = rules.SelectMany(r => r.Rule?.TeamManagers() ?? []).Distinct().ToList();
        var managers = await db.Users.AsNoTracking().Where(u => managerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Rules = rules.Select(r => new Row(r.Id, NoticeText.TitleIn(catalog.Current, r.ItemKind, r.ItemId, language), Describe(r.Rule, t, managers), DescribeDue(r, t), r.Reason, r.FromContent, r.RetiredAt != null,
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

    private static string DescribeDue(AssignmentRule r, IStringLocalizer t) => r.DueKind switch
    {
        DueKind.Fixed => r.DueOn is { } on ? NoticeText.Date(on) : "",
        DueKind.AfterHire when r.Due.After is { } after => t["{0} after hire", UiText.Duration(after, t)],
        DueKind.AfterAssignment when r.Due.After is { } after => t["{0} after assignment", UiText.Duration(after, t)],
        _ => "",
    };

    /// <summary>The rule in short words for the list: the names in it are data and stay as HR typed them; the words
    /// around them are in the reader's language. A team is named by its manager (<paramref name="managers"/>: id to
    /// name), or said to be a former employee's when that account is gone.</summary>
    public static string Describe(AudienceRule? rule, IStringLocalizer t, IReadOnlyDictionary<string, string> managers) => rule switch
    {
        null => "?",
        Everyone => t["everyone"],
        Departments d => t["department: {0}", string.Join(", ", d.Names)],
        JobRoles j => t["job role: {0}", string.Join(", ", j.Names)],
        Locations l => t["location: {0}", string.Join(", ", l.Names)],
        TeamOf team => t[team.AllReports ? "all reports of {0}" : "direct reports of {0}", managers.GetValueOrDefault(team.ManagerId) ?? t["a former employee"]],
        HiredAfter h => t["hired from {0}", NoticeText.Date(h.Date)],
        People p => t.Plural(p.EmployeeIds.Count, "{0} person", "{0} people"),
        AllOf all => "(" + string.Join(t[" AND "], all.Rules.Select(r => Describe(r, t, managers))) + ")",
        AnyOf any => "(" + string.Join(t[" OR "], any.Rules.Select(r => Describe(r, t, managers))) + ")",
        _ => "?",
    };
}
