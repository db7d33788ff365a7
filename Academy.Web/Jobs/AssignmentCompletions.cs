using Academy.Domain.Assignments;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Jobs;

/// <summary>Marks open assignments completed from the employees' module completions, so that reminders, the overdue
/// list and reports need not recompute progress.</summary>
public static class AssignmentCompletions
{
    public static async Task MarkAsync(AcademyDbContext db, IReadOnlyCollection<string> employeeIds, PublishedContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = await db.Assignments.Where(a => employeeIds.Contains(a.EmployeeId) && a.CompletedAt == null && a.RemovedAt == null).ToListAsync(cancellationToken);
        if (open.Count == 0) return;
        var withOpen = open.Select(a => a.EmployeeId).Distinct().ToList();
        var completions = (await db.ModuleCompletions.AsNoTracking().Where(c => withOpen.Contains(c.EmployeeId))
                .Select(c => new { c.EmployeeId, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt }).ToListAsync(cancellationToken))
            .ToLookup(c => (c.EmployeeId, c.ModuleId));
        foreach (var assignment in open)
        {
            DateTimeOffset? Current(string moduleId) =>
                completions[(assignment.EmployeeId, moduleId)].Where(c => c.ExpiresAt is null || c.ExpiresAt > now).Select(c => (DateTimeOffset?)c.CompletedAt).Max();
            assignment.CompletedAt = assignment switch
            {
                { Cycle: > 0 } => completions[(assignment.EmployeeId, assignment.ItemId)].Where(c => c.Sequence > assignment.Cycle).Select(c => (DateTimeOffset?)c.CompletedAt).Min(),
                { ItemKind: ItemKind.Module } => Current(assignment.ItemId),
                _ => content.Programs.FirstOrDefault(p => p.Id == assignment.ItemId) is { } program
                     && program.ModuleIds.Where(content.Modules.ContainsKey).ToList() is { Count: > 0 } modules
                     && modules.All(m => Current(m) is not null)
                    ? modules.Max(m => Current(m))
                    : null,
            };
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}
