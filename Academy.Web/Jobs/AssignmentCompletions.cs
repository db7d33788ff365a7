using System.Linq.Expressions;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Jobs;

/// <summary>Marks open assignments completed from the employees' module completions, so that reminders, the overdue
/// list and reports need not recompute progress.</summary>
public static class AssignmentCompletions
{
    public static Task MarkAsync(AcademyDbContext db, IReadOnlyCollection<string> employeeIds, PublishedContent content, DateTimeOffset now, CancellationToken cancellationToken) =>
        MarkAsync(db, a => employeeIds.Contains(a.EmployeeId), c => employeeIds.Contains(c.EmployeeId), content, now, cancellationToken);

    /// <summary>For the employees whose ids lie between <paramref name="first"/> and <paramref name="last"/> (a batch of
    /// the sync), read through the indexes that start with the employee id.</summary>
    public static Task MarkAsync(AcademyDbContext db, string first, string last, PublishedContent content, DateTimeOffset now, CancellationToken cancellationToken) =>
        MarkAsync(db, a => string.Compare(a.EmployeeId, first) >= 0 && string.Compare(a.EmployeeId, last) <= 0,
            c => string.Compare(c.EmployeeId, first) >= 0 && string.Compare(c.EmployeeId, last) <= 0, content, now, cancellationToken);

    private static async Task MarkAsync(AcademyDbContext db, Expression<Func<Assignment, bool>> employees, Expression<Func<ModuleCompletion, bool>> theirCompletions,
        PublishedContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Plain rows, not tracked entities: most open assignments stay open, and only the completed ones are written.
        var open = await db.Assignments.AsNoTracking().Where(employees).Where(a => a.CompletedAt == null && a.RemovedAt == null)
            .Select(a => new { a.Id, a.EmployeeId, a.ItemKind, a.ItemId, a.Cycle }).ToListAsync(cancellationToken);
        if (open.Count == 0) return;
        // Only the completions an open assignment can use: of its module, or of a module of its program; not every
        // completion the employees have.
        var programs = open.Where(a => a.ItemKind == ItemKind.Program).Select(a => a.ItemId).ToHashSet();
        var programModules = content.Programs.Where(p => programs.Contains(p.Id)).SelectMany(p => p.ModuleIds).Distinct().ToList();
        var completions = (await db.ModuleCompletions.AsNoTracking().Where(theirCompletions)
                .Where(c => programModules.Contains(c.ModuleId) || db.Assignments.Any(a => a.EmployeeId == c.EmployeeId && a.ItemKind == ItemKind.Module && a.ItemId == c.ModuleId
                    && a.CompletedAt == null && a.RemovedAt == null))
                .Select(c => new { c.EmployeeId, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt }).ToListAsync(cancellationToken))
            .ToLookup(c => (c.EmployeeId, c.ModuleId));
        foreach (var assignment in open)
        {
            DateTimeOffset? Current(string moduleId) =>
                completions[(assignment.EmployeeId, moduleId)].Where(c => c.ExpiresAt is null || c.ExpiresAt > now).Select(c => (DateTimeOffset?)c.CompletedAt).Max();
            var completedAt = assignment switch
            {
                { Cycle: > 0 } => completions[(assignment.EmployeeId, assignment.ItemId)].Where(c => c.Sequence > assignment.Cycle).Select(c => (DateTimeOffset?)c.CompletedAt).Min(),
                { ItemKind: ItemKind.Module } => Current(assignment.ItemId),
                _ => content.Programs.FirstOrDefault(p => p.Id == assignment.ItemId) is { } program
                     && program.ModuleIds.Where(content.Modules.ContainsKey).ToList() is { Count: > 0 } modules
                     && modules.All(m => Current(m) is not null)
                    ? modules.Max(m => Current(m))
                    : null,
            };
            if (completedAt is null) continue;
            var entry = db.Attach(new Assignment { Id = assignment.Id });
            entry.Entity.CompletedAt = completedAt;
            entry.Property(a => a.CompletedAt).IsModified = true;
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
