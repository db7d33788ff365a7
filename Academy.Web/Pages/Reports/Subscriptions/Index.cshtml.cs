using Academy.Domain.Reports;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports.Subscriptions;

/// <summary>The scheduled reports: one's own, or everyone's for HR, each with its last send; pause, resume, delete.</summary>
public sealed class IndexModel(AcademyDbContext db) : PageModel
{
    [TempData] public string? Message { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(int Id, string Owner, string Filter, ReportFrequency Frequency, int Day, string Format, string Recipients, bool SkipEmpty,
        bool Paused, LastSend? Last);

    public sealed record LastSend(DateTimeOffset At, int Rows, ReportSendOutcome Outcome);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await Mine().OrderBy(s => s.Id)
            .Select(s => new Row(s.Id, db.Users.Where(u => u.Id == s.OwnerId).Select(u => u.FullName).FirstOrDefault() ?? "", s.Filter, s.Frequency, s.Day, s.Format,
                s.Recipients, s.SkipEmpty, s.Paused,
                db.ReportSends.Where(x => x.SubscriptionId == s.Id).OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
                    .Select(x => new LastSend(x.At, x.Rows, x.Outcome)).FirstOrDefault()))
            .ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostPauseAsync(int id, bool paused, CancellationToken cancellationToken)
    {
        if (await Mine().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription) return NotFound();
        subscription.Paused = paused;
        await db.SaveChangesAsync(cancellationToken);
        Message = paused ? "The scheduled report is paused." : "The scheduled report is resumed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (await Mine().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } subscription) return NotFound();
        db.ReportSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        Message = "The scheduled report is deleted.";
        return RedirectToPage();
    }

    /// <summary>HR and administrators manage every subscription; a manager only their own.</summary>
    private IQueryable<ReportSubscription> Mine()
    {
        var me = User.EmployeeId();
        return User.SeesEveryone() ? db.ReportSubscriptions : db.ReportSubscriptions.Where(s => s.OwnerId == me);
    }
}
