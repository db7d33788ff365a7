using Academy.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
/// or quiz attempts. The mark is written after the save: a count made in between reads the new rows already, and one
/// made before is outdated by the mark.</summary>
public sealed class TrainingCountsInterceptor : SaveChangesInterceptor
{
    public static readonly TrainingCountsInterceptor Instance = new();

    // Pooled contexts are reused, one save at a time each: the employees of the save in progress, per context.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { } ids)
            await Stale(eventData.Context!, ids).ExecuteUpdateAsync(s => s.SetProperty(c => c.Changes, c => c.Changes + 1), cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Take(eventData.Context) is { } ids)
            Stale(eventData.Context!, ids).ExecuteUpdate(s => s.SetProperty(c => c.Changes, c => c.Changes + 1));
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Take(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Take(eventData.Context);
        return Task.CompletedTask;
    }

    private static IQueryable<EmployeeTrainingCount> Stale(DbContext db, HashSet<string> ids) =>
        db.Set<EmployeeTrainingCount>().Where(c => ids.Contains(c.EmployeeId));

    private void Collect(DbContext? db)
    {
        if (db is null) return;
        var ids = new HashSet<string>();
        foreach (var entry in db.ChangeTracker.Entries())
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && entry.Entity is Assignment or ModuleCompletion or LessonView or QuizAttempt)
                ids.Add((string)entry.Property(nameof(Assignment.EmployeeId)).CurrentValue!);
        if (ids.Count > 0) _pending.AddOrUpdate(db, ids);
        else _pending.Remove(db);
    }

    private HashSet<string>? Take(DbContext? db)
    {
        if (db is null || !_pending.TryGetValue(db, out var ids)) return null;
        _pending.Remove(db);
        return ids;
    }
}
