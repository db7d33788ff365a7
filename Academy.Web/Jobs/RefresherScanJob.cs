using Academy.Domain.Assignments;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Jobs;

/// <summary>Finds the latest completions whose refresher window has opened: assigns the refresher (due at expiry) and
/// notifies when the window opens, a week before expiry and at expiry. Reads the completions that expire within the
/// longest window in batches; every row it writes has a unique key, so a second run writes nothing.</summary>
public sealed class RefresherScanJob(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IOptions<AcademyOptions> options, ILogger<RefresherScanJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var modules = catalog.Current.Modules.Values.Where(m => m.Default.Refresher is not null).ToDictionary(m => m.Id, m => m.Default.RefresherWindow);
        if (modules.Count == 0) return;
        // The furthest ahead a window can open, whatever the module: completions expiring later need nothing yet.
        var horizon = modules.Values.Select(w => now + (now - Refresher.WindowOpensAt(now, w))).Max().AddDays(1);
        var moduleIds = modules.Keys.ToList();
        var size = options.Value.Jobs.BatchSize;
        var assigned = 0;
        (DateTimeOffset ExpiresAt, int Id)? after = null;
        while (true)
        {
            var query = db.ModuleCompletions.AsNoTracking()
                .Where(c => c.ExpiresAt != null && c.ExpiresAt <= horizon && moduleIds.Contains(c.ModuleId)
                    && !db.ModuleCompletions.Any(later => later.EmployeeId == c.EmployeeId && later.ModuleId == c.ModuleId && later.Sequence > c.Sequence)
                    && db.Users.Any(u => u.Id == c.EmployeeId && u.IsActive));
            // Keyset on (expiry, id) walks the expiry index: only completions expiring before the horizon are read, not
            // every completion by id. (The split condition is the form SQLite turns into an index range.)
            if (after is { } last) query = query.Where(c => c.ExpiresAt >= last.ExpiresAt && (c.ExpiresAt > last.ExpiresAt || c.Id > last.Id));
            var due = await query.OrderBy(c => c.ExpiresAt).ThenBy(c => c.Id).Take(size)
                .Select(c => new
                {
                    c.Id, c.EmployeeId, c.ModuleId, c.Sequence, ExpiresAt = c.ExpiresAt!.Value,
                    HasRefresher = db.Assignments.Any(a => a.EmployeeId == c.EmployeeId && a.ItemKind == ItemKind.Module && a.ItemId == c.ModuleId && a.Cycle == c.Sequence),
                })
                .ToListAsync(cancellationToken);
            if (due.Count == 0) break;
            after = (due[^1].ExpiresAt, due[^1].Id);

            var notices = new List<Notification>();
            foreach (var completion in due)
            {
                var status = Refresher.StatusAt(completion.ExpiresAt, modules[completion.ModuleId], now);
                if (status == CompletionStatus.Valid) continue;
                if (!completion.HasRefresher)
                {
                    db.Assignments.Add(new Assignment
                    {
                        EmployeeId = completion.EmployeeId, ItemKind = ItemKind.Module, ItemId = completion.ModuleId, Cycle = completion.Sequence,
                        Source = AssignmentSource.Refresher, Reason = "Refresher", AssignedAt = now,
                        DueOn = DateOnly.FromDateTime(completion.ExpiresAt.UtcDateTime), ExpiresAt = completion.ExpiresAt,
                    });
                    assigned++;
                }
                Notification Notice(NoticeKind kind) => new()
                {
                    EmployeeId = completion.EmployeeId, Kind = kind, Key = $"{kind}:{completion.EmployeeId}:{completion.ModuleId}:{completion.Sequence}",
                    ItemKind = ItemKind.Module, ItemId = completion.ModuleId, DueOn = DateOnly.FromDateTime(completion.ExpiresAt.UtcDateTime), CreatedAt = now,
                };
                // Only the notice that applies now: a scan that was not run for weeks does not send stale ones.
                notices.Add(Notice(status == CompletionStatus.Expired ? NoticeKind.Expired
                    : Refresher.ExpiresWithinAWeek(completion.ExpiresAt, now) ? NoticeKind.ExpiresInAWeek : NoticeKind.RefresherOpen));
            }
            await Notices.AddNewAsync(db, notices, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
        logger.LogInformation("Refresher scan: {Assigned} refreshers assigned", assigned);
    }
}

public static class Notices
{
    /// <summary>Adds the notices whose key is not stored yet. The caller saves; the unique key still guards a race.</summary>
    public static async Task AddNewAsync(AcademyDbContext db, List<Notification> notices, CancellationToken cancellationToken)
    {
        if (notices.Count == 0) return;
        var keys = notices.Select(n => n.Key).ToList();
        var stored = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => n.Key).ToListAsync(cancellationToken)).ToHashSet();
        db.Notifications.AddRange(notices.Where(n => stored.Add(n.Key)));
    }
}

public static class Nudges
{
    /// <summary>A nudge per open assignment and day: asking twice the same day sends one. Returns how many were new.</summary>
    public static async Task<int> SendAsync(AcademyDbContext db, IReadOnlyCollection<long> assignmentIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var open = await db.Assignments.AsNoTracking().Where(a => assignmentIds.Contains(a.Id) && a.CompletedAt == null && a.RemovedAt == null)
            .Select(a => new { a.Id, a.EmployeeId, a.ItemKind, a.ItemId, a.DueOn }).ToListAsync(cancellationToken);
        var notices = open.Select(a => new Notification
        {
            EmployeeId = a.EmployeeId, Kind = NoticeKind.Nudge, Key = $"{NoticeKind.Nudge}:{a.Id}:{day}", ItemKind = a.ItemKind, ItemId = a.ItemId, DueOn = a.DueOn, CreatedAt = now,
        }).ToList();
        var before = db.ChangeTracker.Entries<Notification>().Count();
        await Notices.AddNewAsync(db, notices, cancellationToken);
        return db.ChangeTracker.Entries<Notification>().Count() - before;
    }
}
