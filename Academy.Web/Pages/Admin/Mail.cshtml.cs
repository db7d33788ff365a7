using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Admin;

/// <summary>The mail outbox as admins need it: what waits, and what was given up after every retry.</summary>
public sealed class MailModel(AcademyDbContext db) : PageModel
{
    public sealed record MailRow(string To, string Subject, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? FailedAt, string? LastError);

    public int Sent { get; private set; }
    public IReadOnlyList<MailRow> Waiting { get; private set; } = [];
    public IReadOnlyList<MailRow> Failed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Sent = await db.MailOutbox.CountAsync(m => m.SentAt != null, cancellationToken);
        var open = await db.MailOutbox.AsNoTracking().Where(m => m.SentAt == null).OrderByDescending(m => m.Id).Take(200)
            .Select(m => new MailRow(m.To, m.Subject, m.Attempts, m.CreatedAt, m.NextAttemptAt, m.FailedAt, m.LastError)).ToListAsync(cancellationToken);
        Waiting = open.Where(m => m.FailedAt is null).ToList();
        Failed = open.Where(m => m.FailedAt is not null).ToList();
    }
}
