using System.Runtime.CompilerServices;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Jobs;


/// <summary>Reads employees as the audience rules see them, a batch at a time in id order.</summary>
public static class EmployeeBatches
{
    public static async IAsyncEnumerable<List<(EmployeeFacts Facts, bool Active)>> BatchesAsync(AcademyDbContext db, int size, bool activeOnly,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var rows = await db.Users.AsNoTracking()
                .Where(u => string.Compare(u.Id, after) > 0 && (!activeOnly || u.IsActive))
                .OrderBy(u => u.Id).Take(size)
                .Select(u => new { u.Id, u.Department, u.JobRole, u.Location, u.ManagerId, u.HireDate, u.IsActive })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0) yield break;
            yield return rows.Select(u => (new EmployeeFacts(u.Id, u.Department, u.JobRole, u.Location, u.ManagerId, u.HireDate), u.IsActive)).ToList();
            after = rows[^1].Id;
        }
    }

    /// <summary>Everyone a rule matches now, by id: the preview's "after" (and, for the stored rule, its "before").</summary>
    public static async Task<List<string>> MatchingAsync(AcademyDbContext db, AudienceRule? rule, int batchSize, CancellationToken cancellationToken)
    {
        var matched = new List<string>();
        if (rule is null) return matched;
        var org = await AssignmentSyncJob.OrgChartAsync(db, [rule], cancellationToken);
        await foreach (var batch in BatchesAsync(db, batchSize, activeOnly: true, cancellationToken))
            matched.AddRange(batch.Where(e => rule.Matches(e.Facts, org)).Select(e => e.Facts.Id));
        return matched;
    }
}
