using System.Globalization;
using Academy.Domain.Practice;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Team;

/// <summary>A manager's team: each direct report's open assignments, overdue first, with a nudge.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    public sealed record Row(long AssignmentId, string EmployeeName, string Title, DateOnly? Due, bool Overdue);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public sealed record Member(string Id, string Name);

    public IReadOnlyList<Member> Members { get; private set; } = [];
    public bool Nudged { get; private set; }

    /// <summary>Ideas of the people under this manager (at any depth) put into practice this month and over the
    /// indicator's last 12 months.</summary>
    public int IdeasThisMonth { get; private set; }
    public int IdeasInAYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool nudged, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        Members = await db.Users.AsNoTracking().Where(u => u.ManagerId == me && u.IsActive).OrderBy(u => u.FullName).Select(u => new Member(u.Id, u.FullName)).ToListAsync(cancellationToken);
        if (Members.Count == 0) return Forbid();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var open = await db.Assignments.AsNoTracking().Where(a => a.CompletedAt == null && a.RemovedAt == null)
            .Join(db.Users.Where(u => u.ManagerId == me && u.IsActive), a => a.EmployeeId, u => u.Id, (a, u) => new { a.Id, u.FullName, a.ItemKind, a.ItemId, a.DueOn })
            .ToListAsync(cancellationToken);
        Rows = open.Select(a => new Row(a.Id, a.FullName, NoticeText.Title(catalog.Current, a.ItemKind, a.ItemId, language), a.DueOn, a.DueOn < today))
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.Due ?? DateOnly.MaxValue).ThenBy(r => r.EmployeeName).ToList();
        var months = IdeaRules.LastMonths(today, Indicator.IndexModel.Months);
        var counts = await Indicator.IndicatorFigures.InPracticeAsync(db, me, seesEveryone: false, months[0], cancellationToken);
        (IdeasInAYear, IdeasThisMonth) = (counts.Sum(c => c.Ideas), counts.Where(c => c.Year == today.Year && c.Month == today.Month).Sum(c => c.Ideas));
        Nudged = nudged;
        return Page();
    }

    public async Task<IActionResult> OnPostNudgeAsync(long id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        // Only a member of one's own team can be nudged.
        if (!await db.Assignments.AnyAsync(a => a.Id == id && db.Users.Any(u => u.Id == a.EmployeeId && u.ManagerId == me), cancellationToken)) return NotFound();
        await Nudges.SendAsync(db, [id], clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { nudged = true });
    }
}
