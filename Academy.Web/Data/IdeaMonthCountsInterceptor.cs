using System.Runtime.CompilerServices;
using Academy.Domain.Practice;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace Academy.Web.Data;

/// <summary>Keeps <see cref="IdeaMonthCount"/> in step with the ideas: before a save that adds, moves or removes an idea
/// in practice, adds the differences to the monthly counts in the save's own transaction (opened here when the caller
/// has none, committed with the save, rolled back with it). <see cref="ServiceIdea.Status"/> is a concurrency token,
/// so of two decisions on the same idea at once the second fails whole, its count with it.</summary>
public sealed class IdeaMonthCountsInterceptor : SaveChangesInterceptor
{
    public static readonly IdeaMonthCountsInterceptor Instance = new();

    // Pooled contexts are reused, one save at a time each: the transaction opened for the save in progress, per context.
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> _opened = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || Differences(db) is not { Count: > 0 } differences) return result;
        if (db.Database.CurrentTransaction is null) _opened.AddOrUpdate(db, await db.Database.BeginTransactionAsync(cancellationToken));
        try
        {
            foreach (var (key, ideas) in differences)
                await db.Database.ExecuteSqlAsync(Upsert(key, ideas), cancellationToken);
        }
        catch
        {
            await EndAsync(db, commit: false, CancellationToken.None);
            throw;
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is not { } db || Differences(db) is not { Count: > 0 } differences) return result;
        if (db.Database.CurrentTransaction is null) _opened.AddOrUpdate(db, db.Database.BeginTransaction());
        try
        {
            foreach (var (key, ideas) in differences)
                db.Database.ExecuteSql(Upsert(key, ideas));
        }
        catch
        {
            End(db, commit: false);
            throw;
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await EndAsync(eventData.Context, commit: true, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        End(eventData.Context, commit: true);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        EndAsync(eventData.Context, commit: false, CancellationToken.None);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => End(eventData.Context, commit: false);

    // A concurrency failure (another decision saved first) is reported here, not to SaveChangesFailed.
    public override async ValueTask<InterceptionResult> ThrowingConcurrencyExceptionAsync(ConcurrencyExceptionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        await EndAsync(eventData.Context, commit: false, CancellationToken.None);
        return result;
    }

    public override InterceptionResult ThrowingConcurrencyException(ConcurrencyExceptionEventData eventData, InterceptionResult result)
    {
        End(eventData.Context, commit: false);
        return result;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        EndAsync(eventData.Context, commit: false, CancellationToken.None);

    public override void SaveChangesCanceled(DbContextEventData eventData) => End(eventData.Context, commit: false);

    /// <summary>Adds <paramref name="ideas"/> (negative to take away) to a month's count, creating the row at the first.
    /// Atomic on both providers, so two saves at once in the same month add up.</summary>
    private static FormattableString Upsert((DateOnly Month, string Department, string StandardId) key, int ideas) => $"""
        INSERT INTO "IdeaMonthCounts" ("Month", "Department", "StandardId", "Ideas") VALUES ({key.Month}, {key.Department}, {key.StandardId}, {ideas})
        ON CONFLICT ("Month", "Department", "StandardId") DO UPDATE SET "Ideas" = "IdeaMonthCounts"."Ideas" + excluded."Ideas"
        """;

    /// <summary>What the save changes in the counts, by month, department and standard, in a fixed order (two saves that
    /// touch the same rows take their locks in the same order on PostgreSQL).</summary>
    private static List<KeyValuePair<(DateOnly Month, string Department, string StandardId), int>> Differences(DbContext db)
    {
        var differences = new Dictionary<(DateOnly Month, string Department, string StandardId), int>();
        void Count(PropertyValues idea, int ideas)
        {
            if (idea.GetValue<IdeaStatus>(nameof(ServiceIdea.Status)) != IdeaStatus.InPractice
                || idea.GetValue<DateOnly?>(nameof(ServiceIdea.InPracticeOn)) is not { } day) return;
            var key = (IdeaMonthCount.MonthOf(day), idea.GetValue<string?>(nameof(ServiceIdea.Department)) ?? "",
                idea.GetValue<string?>(nameof(ServiceIdea.StandardId)) ?? "");
            differences[key] = differences.GetValueOrDefault(key) + ideas;
        }
        foreach (var entry in db.ChangeTracker.Entries<ServiceIdea>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted) Count(entry.OriginalValues, -1);
            if (entry.State is EntityState.Modified or EntityState.Added) Count(entry.CurrentValues, +1);
        }
        return [.. differences.Where(d => d.Value != 0)
            .OrderBy(d => d.Key.Month).ThenBy(d => d.Key.Department, StringComparer.Ordinal).ThenBy(d => d.Key.StandardId, StringComparer.Ordinal)];
    }

    private async Task EndAsync(DbContext? db, bool commit, CancellationToken cancellationToken)
    {
        if (db is null || !_opened.TryGetValue(db, out var transaction)) return;
        _opened.Remove(db);
        await using (transaction)
        {
            if (commit) await transaction.CommitAsync(cancellationToken);
        }
    }

    private void End(DbContext? db, bool commit)
    {
        if (db is null || !_opened.TryGetValue(db, out var transaction)) return;
        _opened.Remove(db);
        using (transaction)
        {
            if (commit) transaction.Commit();
        }
    }
}
