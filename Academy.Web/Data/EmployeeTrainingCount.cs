using Academy.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Academy.Web.Data;

/// <summary>How many of an employee's report cells (every published module) were in each status at
/// <see cref="CountedAt"/>: HR's rollups sum these rows instead of running the status rule over 5 million cells
/// (Pages/Reports/TrainingCounts.cs keeps them). A row counts only while it is fresh (<see cref="IsFreshAt"/>).</summary>
public sealed class EmployeeTrainingCount
{
    public string EmployeeId { get; set; } = "";

    public int Assigned { get; set; }
    public int InProgress { get; set; }
    public int Completed { get; set; }
    public int Overdue { get; set; }
    public int Expiring { get; set; }
    public int Expired { get; set; }

    /// <summary>Bumped (<see cref="TrainingCountsInterceptor"/>) whenever the employee's assignments, completions or
    /// activity change; <see cref="Counted"/> is the value the counts were made from, so a change saved while they were
    /// being made leaves the row stale instead of fresh with old counts.</summary>
    public long Changes { get; set; }

    /// <summary>-1 until first counted.</summary>
    public long Counted { get; set; } = -1;

    public DateTimeOffset CountedAt { get; set; }

    /// <summary>The first instant at which one of the counted cells changes status with the clock alone (a due date
    /// passed at midnight, an expiry, a refresher window opening).</summary>
    public DateTimeOffset ValidUntil { get; set; }

    /// <summary>Which modules and programs were counted (<c>TrainingCounts.CatalogKey</c>): a publication that
    /// changes them makes every row stale.</summary>
    public string Catalog { get; set; } = "";

    public bool IsFreshAt(DateTimeOffset now, string catalog) => Counted == Changes && Catalog == catalog && CountedAt <= now && now < ValidUntil;

    /// <summary>Indexed by <see cref="TrainingStatus"/>; "not assigned" is left to the caller, who knows the modules.</summary>
    public long[] ByStatus() => [0, Assigned, InProgress, Completed, Overdue, Expiring, Expired];
}

/// <summary>Marks an employee's training counts stale when a save changes their assignments, completions, lesson views
/// or quiz attempts. The mark is written in the save's own transaction, after its rows: a count made in between reads
/// the new rows already, one made before is outdated by the mark, and the request still commits once. When the caller
/// has opened no transaction, the interceptor opens one for the save and the mark, and commits it.</summary>
public sealed class TrainingCountsInterceptor : SaveChangesInterceptor
{
    public static readonly TrainingCountsInterceptor Instance = new();

    // Pooled contexts are reused, one save at a time each: the save in progress, per context.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, Pending> _pending = new();

    private sealed record Pending(HashSet<string> EmployeeIds, IDbContextTransaction? OwnTransaction);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Changed(db) is { } ids)
            _pending.AddOrUpdate(db, new Pending(ids,
                db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null));
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Changed(db) is { } ids)
            _pending.AddOrUpdate(db, new Pending(ids, db.Database.CurrentTransaction is null ? db.Database.BeginTransaction() : null));
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is not { } pending) return result;
        await using var own = pending.OwnTransaction;
        await Stale(eventData.Context!, pending.EmployeeIds).ExecuteUpdateAsync(s => s.SetProperty(c => c.Changes, c => c.Changes + 1), cancellationToken);
        if (own is not null) await own.CommitAsync(cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is not { } pending) return result;
        using var own = pending.OwnTransaction;
        Stale(eventData.Context!, pending.EmployeeIds).ExecuteUpdate(s => s.SetProperty(c => c.Changes, c => c.Changes + 1));
        own?.Commit();
        return result;
    }

    // Disposing a transaction that was not committed rolls it back.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context)?.OwnTransaction?.Dispose();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context)?.OwnTransaction is { } own) await own.DisposeAsync();
    }

    // A concurrency failure (a row changed or deleted by another save since it was read) is reported here, not to SaveChangesFailed.
    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        Take(eventData.Context)?.OwnTransaction?.Dispose();
        return result;
    }

    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context)?.OwnTransaction is { } own) await own.DisposeAsync();
        return result;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Take(eventData.Context)?.OwnTransaction?.Dispose();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context)?.OwnTransaction is { } own) await own.DisposeAsync();
    }

    private static IQueryable<EmployeeTrainingCount> Stale(DbContext db, HashSet<string> ids) =>
        db.Set<EmployeeTrainingCount>().Where(c => ids.Contains(c.EmployeeId));

    private static HashSet<string>? Changed(DbContext db)
    {
        var ids = new HashSet<string>();
        foreach (var entry in db.ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is Assignment or ModuleCompletion or LessonView or QuizAttempt)
                ids.Add((string)entry.Property(nameof(Assignment.EmployeeId)).CurrentValue!);
        return ids.Count > 0 ? ids : null;
    }

    private Pending? Take(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var pending)) return null;
        _pending.Remove(db);
        return pending;
    }
}
