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
        await RefreshContentRulesAsync(catalog.Current, now, cancellationToken);
        await SyncAsync(null, now, cancellationToken);
    }

    /// <summary>Applies at once what HR just saved or retired: only the rule's program or module is planned, against every
    /// live rule for that item, so the other items wait for the scheduled run.</summary>
    public async Task RunForRuleAsync(int ruleId, CancellationToken cancellationToken)
    {
        var item = await db.AssignmentRules.AsNoTracking().Where(r => r.Id == ruleId).Select(r => new { r.ItemKind, r.ItemId }).SingleOrDefaultAsync(cancellationToken);
        if (item is null) return;
        await SyncAsync(new AssignedItem(item.ItemKind, item.ItemId), clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Every item, or only <paramref name="only"/>. Assignments are read as plain rows and only the changed ones
    /// are written, so a re-run that changes nothing costs about the read.</summary>
    private async Task SyncAsync(AssignedItem? only, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var content = catalog.Current;
        var rules = (await db.AssignmentRules.AsNoTracking().Where(r => r.RetiredAt == null).OrderBy(r => r.Id).ToListAsync(cancellationToken))
            .Where(r => only is null || (r.ItemKind == only.Value.Kind && r.ItemId == only.Value.Id))
            .Select(r => (Row: r, Rule: r.Rule)).Where(r => r.Rule is not null && Exists(content, r.Row.ItemKind, r.Row.ItemId)).ToList();
        var org = await OrgChartAsync(db, rules.Select(r => r.Rule!), cancellationToken);
        var (kind, itemId, anyItem) = only is { } o ? (o.Kind, o.Id, false) : (ItemKind.Module, "", true);
        var added = 0;
        var withdrawn = 0;
        await foreach (var batch in EmployeeBatches.BatchesAsync(db, options.Value.Jobs.BatchSize, activeOnly: false, cancellationToken))
        {
            var ids = batch.Select(e => e.Facts.Id).ToList();
            var (first, last) = (ids[0], ids[^1]);
            // The batch is a range of ids: the unique (employee, item, cycle) index answers it without a list of ids.
            var existing = (await db.Assignments.AsNoTracking()
                    .Where(a => string.Compare(a.EmployeeId, first) >= 0 && string.Compare(a.EmployeeId, last) <= 0 && a.Cycle == 0
                        && (anyItem || (a.ItemKind == kind && a.ItemId == itemId)))
                    .Select(a => new { a.EmployeeId, Row = new ExistingAssignment(a.Id, new AssignedItem(a.ItemKind, a.ItemId), a.Source, a.CompletedAt != null, a.RemovedAt != null) })
                    .ToListAsync(cancellationToken))
                .ToLookup(a => a.EmployeeId, a => a.Row);
            foreach (var (facts, active) in batch)
            {
                // The first matching rule decides the due date; an inactive employee matches nothing.
                var wanted = new Dictionary<AssignedItem, AssignmentRule>();
                if (active)
                    foreach (var (row, rule) in rules)
                        if (rule!.Matches(facts, org)) wanted.TryAdd(new AssignedItem(row.ItemKind, row.ItemId), row);
                var plan = AssignmentSync.Plan(wanted.Keys, existing[facts.Id].ToList());
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
                foreach (var id in plan.Restore) SetRemovedAt(id, null);
                foreach (var id in plan.Remove) SetRemovedAt(id, now);
                added += plan.Add.Count;
                withdrawn += plan.Remove.Count;
            }
            await SaveAsync(cancellationToken);
            await AssignmentCompletions.MarkAsync(db, first, last, content, now, cancellationToken);
        }
        logger.LogInformation("Assignment sync: {Added} assigned, {Withdrawn} withdrawn", added, withdrawn);
    }

    /// <summary>Changes one column of a row that was read untracked, without loading it again.</summary>
    private void SetRemovedAt(long id, DateTimeOffset? value)
    {
        var entry = db.Attach(new Assignment { Id = id });
        entry.Entity.RemovedAt = value;
        entry.Property(a => a.RemovedAt).IsModified = true;
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

    /// <summary>The chart the rules need: for each manager whose whole reporting line a rule names, everyone below them,
    /// read with a recursive query (UNION stops on a loop in the data), instead of the whole organisation.</summary>
    internal static async Task<OrgChart> OrgChartAsync(AcademyDbContext db, IEnumerable<AudienceRule> rules, CancellationToken cancellationToken)
    {
        var teams = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var manager in rules.SelectMany(r => r.ManagersOfAllReports()).Distinct())
        {
            var reports = await db.ReportIdsOf(manager).Where(id => id != manager).ToListAsync(cancellationToken);
            teams[manager] = reports.ToHashSet();
        }
        return OrgChart.FromTeams(teams);
    }
}
