using Academy.Domain.Assignments;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Jobs;

/// <summary>Applies every audience rule to every employee: assigns what newly matches, withdraws unfinished rule
/// assignments that no longer match, and records completions. Employees are read in batches, so memory stays flat;
/// the unique (employee, item, cycle) key makes a second run, or a run beside another, change nothing.</summary>
public sealed class AssignmentSyncJob(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IOptions<AcademyOptions> options, ILogger<AssignmentSyncJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var content = catalog.Current;
        await RefreshContentRulesAsync(content, now, cancellationToken);
        var rules = (await db.AssignmentRules.AsNoTracking().Where(r => r.RetiredAt == null).OrderBy(r => r.Id).ToListAsync(cancellationToken))
            .Select(r => (Row: r, Rule: r.Rule)).Where(r => r.Rule is not null && Exists(content, r.Row.ItemKind, r.Row.ItemId)).ToList();
        var org = await OrgChartAsync(db, cancellationToken);
        var added = 0;
        var withdrawn = 0;
        await foreach (var batch in EmployeeBatches.BatchesAsync(db, options.Value.Jobs.BatchSize, activeOnly: false, cancellationToken))
        {
            var ids = batch.Select(e => e.Facts.Id).ToList();
            var existing = await db.Assignments.Where(a => ids.Contains(a.EmployeeId) && a.Cycle == 0).ToListAsync(cancellationToken);
            var byEmployee = existing.ToLookup(a => a.EmployeeId);
            foreach (var (facts, active) in batch)
            {
                // The first matching rule decides the due date; an inactive employee matches nothing.
                var wanted = new Dictionary<AssignedItem, AssignmentRule>();
                if (active)
                    foreach (var (row, rule) in rules)
                        if (rule!.Matches(facts, org)) wanted.TryAdd(new AssignedItem(row.ItemKind, row.ItemId), row);
                var mine = byEmployee[facts.Id].ToList();
                var plan = AssignmentSync.Plan(wanted.Keys, mine.Select(a => new ExistingAssignment(a.Id, new AssignedItem(a.ItemKind, a.ItemId), a.Source, a.CompletedAt != null, a.RemovedAt != null)).ToList());
                foreach (var item in plan.Add)
                {
                    var rule = wanted[item];
                    var due = rule.Due.For(facts.HireDate, DateOnly.FromDateTime(now.UtcDateTime));
                    db.Assignments.Add(new Assignment
                    {
                        EmployeeId = facts.Id, ItemKind = item.Kind, ItemId = item.Id, Cycle = 0, Source = AssignmentSource.Rule, RuleId = rule.Id,
                        AssignedById = rule.CreatedById, Reason = rule.Reason, AssignedAt = now, DueOn = due.Date, DueFromAssignmentDate = due.FromAssignmentDate,
                    });
                }
                foreach (var assignment in mine.Where(a => plan.Restore.Contains(a.Id))) assignment.RemovedAt = null;
                foreach (var assignment in mine.Where(a => plan.Remove.Contains(a.Id))) assignment.RemovedAt = now;
                added += plan.Add.Count;
                withdrawn += plan.Remove.Count;
            }
            await SaveAsync(cancellationToken);
            await AssignmentCompletions.MarkAsync(db, ids, content, now, cancellationToken);
        }
        logger.LogInformation("Assignment sync: {Added} assigned, {Withdrawn} withdrawn", added, withdrawn);
    }

    /// <summary>A program's <c>audience:</c> and <c>due:</c> become its content rule, kept in step with the published file.</summary>
    private async Task RefreshContentRulesAsync(PublishedContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = await db.AssignmentRules.Where(r => r.FromContent).ToDictionaryAsync(r => (r.ItemKind, r.ItemId), cancellationToken);
        foreach (var program in content.Programs)
        {
            var json = AudienceRule.FromContent(program.Audience).ToJson();
            var (dueKind, dueAfter) = program.Due is { } due ? (DueKind.AfterAssignment, due.ToString()) : (DueKind.None, (string?)null);
            if (!stored.Remove((ItemKind.Program, program.Id), out var rule))
            {
                db.AssignmentRules.Add(new AssignmentRule
                {
                    ItemKind = ItemKind.Program, ItemId = program.Id, RuleJson = json, DueKind = dueKind, DueAfter = dueAfter,
                    Reason = "Program audience", FromContent = true, CreatedAt = now, UpdatedAt = now,
                });
                continue;
            }
            if (rule.RuleJson != json || rule.DueKind != dueKind || rule.DueAfter != dueAfter || rule.RetiredAt is not null)
            {
                (rule.RuleJson, rule.DueKind, rule.DueAfter, rule.RetiredAt, rule.UpdatedAt) = (json, dueKind, dueAfter, null, now);
            }
        }
        foreach (var gone in stored.Values.Where(r => r.RetiredAt is null)) gone.RetiredAt = now;
        await SaveAsync(cancellationToken);
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueConflict())
        {
            // Another run wrote the same rows first; the next run starts from what is stored.
            logger.LogInformation("Assignment sync met a concurrent run; its batch is left to it");
        }
        db.ChangeTracker.Clear();
    }

    internal static bool Exists(PublishedContent content, ItemKind kind, string id) =>
        kind == ItemKind.Program ? content.Programs.Any(p => p.Id == id) : content.Modules.ContainsKey(id);

    internal static async Task<OrgChart> OrgChartAsync(AcademyDbContext db, CancellationToken cancellationToken) =>
        new(await db.Users.AsNoTracking().Select(u => new { u.Id, u.ManagerId }).ToDictionaryAsync(u => u.Id, u => u.ManagerId, cancellationToken));
}
