using System.Security.Cryptography;
using System.Text;
using Academy.Domain.Assignments;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>Keeps <see cref="EmployeeTrainingCount"/> rows: each employee's cells counted by <see cref="RollupsQuery"/>
/// over every published module, a few hundred employees at a time (the statement's indexed path), so that the rollups
/// at 50,000 employees sum rows instead of ranking 5 million assignments per page view; and with them the same counts
/// over each standard's modules and each program's (<see cref="EmployeeTrainingGroupCount"/>), for the rollups filtered
/// by one of them.</summary>
public sealed class TrainingCounts(AcademyDbContext db, PublishedContent content, DateTimeOffset now)
{
    private const int Chunk = 500;

    /// <summary>Names the modules, their refresher windows and standards, and the programs' modules: what the counts depend
    /// on besides the employee's rows and the clock.</summary>
    public static string CatalogKey(PublishedContent content)
    {
        var text = new StringBuilder();
        foreach (var m in content.Modules.Values.OrderBy(m => m.Id, StringComparer.Ordinal))
            text.Append(m.Id).Append('|').Append(m.Default.RefresherWindow).Append('|').AppendJoin(',', m.Default.Standards).Append('\n');
        foreach (var p in content.Programs) text.Append(p.Id).Append(':').AppendJoin(',', p.ModuleIds).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static IReadOnlyList<ReportModule> Modules(PublishedContent content) =>
        content.Modules.Values.Select(m => new ReportModule(m.Id, m.Id, m.Default.Language, m.Default.RefresherWindow)).ToList();

    /// <summary>The groups counted besides every module: each standard's modules and each program's.</summary>
    public static Dictionary<string, IReadOnlyCollection<string>> Groups(PublishedContent content) =>
        content.Modules.Values.SelectMany(m => m.Default.Standards.Select(s => (Group: EmployeeTrainingGroupCount.Standard + s, Module: m.Id)))
            .Concat(content.Programs.SelectMany(p => p.ModuleIds.Where(content.Modules.ContainsKey).Select(id => (Group: EmployeeTrainingGroupCount.Program + p.Id, Module: id))))
            .GroupBy(x => x.Group, x => x.Module)
            .ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Distinct().ToList());

    /// <summary>The kept group that holds the counts over exactly the modules <paramref name="filter"/> selects, if any:
    /// a filter on one standard or on one program, and on nothing else that selects modules.</summary>
    public static string? GroupOf(ReportFilter filter) => (filter.Module, filter.Program, filter.Standard) switch
    {
        (null or "", null or "", { Length: > 0 } standard) => EmployeeTrainingGroupCount.Standard + standard,
        (null or "", { Length: > 0 } program, null or "") => EmployeeTrainingGroupCount.Program + program,
        _ => null,
    };

    /// <summary>Counts again every active employee whose row is missing or not fresh; returns how many.</summary>
    public async Task<int> RefreshStaleAsync(CancellationToken cancellationToken)
    {
        var key = CatalogKey(content);
        var modules = Modules(content);
        var groups = Groups(content);
        var total = 0;
        var after = "";
        while (true)
        {
            var ids = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.Id.CompareTo(after) > 0
                    && !db.TrainingCounts.Any(c => c.EmployeeId == u.Id && c.Counted == c.Changes && c.Catalog == key && c.CountedAt <= now && c.ValidUntil > now))
                .OrderBy(u => u.Id).Select(u => u.Id).Take(Chunk).ToListAsync(cancellationToken);
            if (ids.Count == 0) return total;
            await RefreshAsync(ids, modules, groups, key, cancellationToken);
            total += ids.Count;
            after = ids[^1];
        }
    }

    private async Task RefreshAsync(List<string> ids, IReadOnlyList<ReportModule> modules, Dictionary<string, IReadOnlyCollection<string>> groups, string key,
        CancellationToken cancellationToken)
    {
        var changes = await db.TrainingCounts.AsNoTracking().Where(c => ids.Contains(c.EmployeeId)).ToDictionaryAsync(c => c.EmployeeId, c => c.Changes, cancellationToken);
        var missing = ids.Where(id => !changes.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            // The row exists before the employee is counted, so that a change saved during the count marks it.
            db.TrainingCounts.AddRange(missing.Select(id => new EmployeeTrainingCount { EmployeeId = id }));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            foreach (var id in missing) changes[id] = 0;
        }
        var (counts, byGroup) = await new RollupsQuery(db, content, now).CountsAsync(modules, groups, ids, cancellationToken);
        var until = await ValidUntilAsync(ids, cancellationToken);
        // Short and after the reading, so that the site's own writes wait for a chunk's updates only.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TrainingGroupCounts.Where(c => ids.Contains(c.EmployeeId)).ExecuteDeleteAsync(cancellationToken);
        db.TrainingGroupCounts.AddRange(byGroup.SelectMany(g => g.Value.Select(e => new EmployeeTrainingGroupCount
        {
            EmployeeId = e.Key, Group = g.Key, Assigned = (int)e.Value[1], InProgress = (int)e.Value[2], Completed = (int)e.Value[3],
            Overdue = (int)e.Value[4], Expiring = (int)e.Value[5], Expired = (int)e.Value[6],
        })));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        foreach (var id in ids)
        {
            var (n, seen, valid) = (counts[id], changes[id], until[id]);
            await db.TrainingCounts.Where(c => c.EmployeeId == id && c.Changes == seen).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Assigned, (int)n[1]).SetProperty(c => c.InProgress, (int)n[2]).SetProperty(c => c.Completed, (int)n[3])
                .SetProperty(c => c.Overdue, (int)n[4]).SetProperty(c => c.Expiring, (int)n[5]).SetProperty(c => c.Expired, (int)n[6])
                .SetProperty(c => c.Counted, seen).SetProperty(c => c.CountedAt, now).SetProperty(c => c.ValidUntil, valid).SetProperty(c => c.Catalog, key),
                cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Per employee, the first instant after now at which a cell can change status with the clock alone: the
    /// next UTC midnight (due dates), an assignment's or completion's expiry, or a completion's refresher window opening.
    /// Every completion is read, not only the latest: an instant too early only makes the row stale sooner.</summary>
    private async Task<Dictionary<string, DateTimeOffset>> ValidUntilAsync(List<string> ids, CancellationToken cancellationToken)
    {
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var until = ids.ToDictionary(id => id, _ => midnight);
        void Sooner(string id, DateTimeOffset at)
        {
            if (at < until[id]) until[id] = at;
        }
        var assignments = await db.Assignments.AsNoTracking().Where(a => ids.Contains(a.EmployeeId) && a.RemovedAt == null && a.ExpiresAt > now)
            .Select(a => new { a.EmployeeId, a.ExpiresAt }).ToListAsync(cancellationToken);
        foreach (var a in assignments) Sooner(a.EmployeeId, a.ExpiresAt!.Value);
        var completions = await db.ModuleCompletions.AsNoTracking().Where(c => ids.Contains(c.EmployeeId) && c.ExpiresAt > now)
            .Select(c => new { c.EmployeeId, c.ModuleId, c.ExpiresAt }).ToListAsync(cancellationToken);
        foreach (var c in completions)
        {
            var expires = c.ExpiresAt!.Value;
            var opens = content.Module(c.ModuleId) is { } module ? Refresher.WindowOpensAt(expires, module.Default.RefresherWindow) : expires;
            Sooner(c.EmployeeId, opens > now ? opens : expires);
        }
        return until;
    }
}
