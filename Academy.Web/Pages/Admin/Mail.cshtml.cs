using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Admin;

/// <summary>The mail outbox as admins need it: what waits, and what was given up after every retry, which an admin can
/// send again (once the SMTP server is fixed, say) one by one or all at once.</summary>
public sealed class MailModel(AcademyDbContext db, TimeProvider clock, IBackgroundJobClient jobs, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record MailRow(long Id, string To, string Subject, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? FailedAt, string? LastError);

    public int Sent { get; private set; }
    public IReadOnlyList<MailRow> Waiting { get; private set; } = [];
    public IReadOnlyList<MailRow> Failed { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sent = await db.MailOutbox.CountAsync(m => m.SentAt != null, cancellationToken);
        var open = await db.MailOutbox.AsNoTracking().Where(m => m.SentAt == null).OrderByDescending(m => m.Id).Take(200)
            .Select(m => new MailRow(m.Id, m.To, m.Subject, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.FailedAt, m.LastError)).ToListAsync(cancellationToken);
        Waiting = open.Where(m => m.FailedAt is null).ToList();
        Failed = open.Where(m => m.FailedAt is not null).ToList();
    }

    public Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken) =>
        RetryAsync(db.MailOutbox.Where(m => m.Id == id), cancellationToken);

    public Task<IActionResult> OnPostRetryAllAsync(CancellationToken cancellationToken) =>
        RetryAsync(db.MailOutbox, cancellationToken);

    /// <summary>A failed mail goes back to the outbox with a fresh set of attempts, and the dispatch is queued so that it
    /// leaves now rather than at the next scheduled run. Its last error stays visible until it is sent.</summary>
    private async Task<IActionResult> RetryAsync(IQueryable<OutboxMail> mails, CancellationToken cancellationToken)
    {
        var failed = await mails.Where(m => m.SentAt == null && m.FailedAt != null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var mail in failed) (mail.FailedAt, mail.Attempts, mail.NextAttemptAt) = (null, 0, now);
        await db.SaveChangesAsync(cancellationToken);
        if (failed.Count > 0) jobs.Enqueue<MailDispatchJob>(j => j.RunAsync(CancellationToken.None));
        Message = t.Plural(failed.Count, "{0} mail is back in the outbox and will be sent again now.", "{0} mails are back in the outbox and will be sent again now.");
        return RedirectToPage();
    }
}
