using Academy.Domain.Assignments;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>How many cells of each status every employee has, counted by the database: the report's status rule
/// (<see cref="TrainingStatusRule"/>) written as one SQL statement, so that the rollups never bring the report's cells
/// (5 million at 50,000 × 100) into memory. It must give exactly the rule's counts: ReportPagesTests compares the two on
/// data with every status, on SQLite and PostgreSQL.</summary>
public sealed class RollupsQuery(AcademyDbContext db, PublishedContent content, DateTimeOffset now)
{
    /// <summary>Up to this many employees, the statement reads only theirs (by index); beyond, it reads every row once
    /// and the employees outside the report are dropped here, which costs less than that many index searches.</summary>
    public const int SearchedEmployees = 2000;

    private static readonly int Statuses = Enum.GetValues<TrainingStatus>().Length;

    public sealed class CellCount
    {
        public string EmployeeId { get; set; } = "";
        public string Group { get; set; } = "";
        public int Status { get; set; }
        public long Cells { get; set; }
    }

    /// <summary>For each of <paramref name="employeeIds"/>, the count of their cells in each status (indexed by
    /// <see cref="TrainingStatus"/>) over the <paramref name="modules"/> columns.</summary>
    public async Task<Dictionary<string, long[]>> CountsAsync(IReadOnlyList<ReportModule> modules, IReadOnlyCollection<string> employeeIds,
        CancellationToken cancellationToken) =>
        (await CountsAsync(modules, new Dictionary<string, IReadOnlyCollection<string>>(), employeeIds, cancellationToken)).Counts;

    /// <summary>The same counts (<c>Counts</c>), and over each of <paramref name="groups"/> (a name and its modules, of
    /// <paramref name="modules"/>): <c>ByGroup[group][employee]</c>, only for the employees with a cell in the group that is
    /// not "not assigned".</summary>
    public async Task<(Dictionary<string, long[]> Counts, Dictionary<string, Dictionary<string, long[]>> ByGroup)> CountsAsync(IReadOnlyList<ReportModule> modules,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> groups, IReadOnlyCollection<string> employeeIds, CancellationToken cancellationToken)
    {
        var counts = employeeIds.ToDictionary(id => id, _ => new long[Statuses]);
        var byGroup = groups.Keys.ToDictionary(g => g, _ => new Dictionary<string, long[]>());
        if (modules.Count == 0 || employeeIds.Count == 0) return (counts, byGroup);
        var args = new List<object>();
        string Arg(object value)
        {
            args.Add(value);
            return $"{{{args.Count - 1}}}";
        }
        var sqlite = db.Database.IsSqlite();
        // SQLite keeps DateTimeOffset as a number (the model's converter), so the clock's dates must be converted the same way.
        var instant = db.Model.FindEntityType(typeof(Assignment))!.FindProperty(nameof(Assignment.ExpiresAt))!.GetTypeMapping().Converter;
        string At(DateTimeOffset value) => Arg(instant?.ConvertToProvider(value) ?? value);

        var mods = string.Join(", ", modules.Select(m => $"({Arg(m.Id)}, {At(WindowEnd(m))})"));
        var members = groups.SelectMany(g => g.Value.Where(id => modules.Any(m => m.Id == id)).Select(id => $"({Arg(g.Key)}, {Arg(id)})")).ToList();
        var programs = content.Programs.Select((p, i) => (p, Position: i + 1))
            .SelectMany(x => x.p.ModuleIds.Where(id => modules.Any(m => m.Id == id)).Select(id => $"({Arg(x.p.Id)}, {Arg(id)}, {x.Position})"))
            .ToList();
        var only = "";
        if (employeeIds.Count <= SearchedEmployees)
            only = sqlite
                ? $"AND a.\"EmployeeId\" IN (SELECT value FROM json_each({Arg(System.Text.Json.JsonSerializer.Serialize(employeeIds))}))"
                : $"AND a.\"EmployeeId\" = ANY({Arg(employeeIds.ToArray())})";
        var (nowAt, today) = (At(now), Arg(DateOnly.FromDateTime(now.UtcDateTime)));
        var (module, program, refresher) = (Arg(nameof(ItemKind.Module)), Arg(nameof(ItemKind.Program)), Arg(nameof(AssignmentSource.Refresher)));
        string Is(TrainingStatus status) => ((int)status).ToString();
        // The latest lesson read or quiz started after the latest completion: a start on the next one (TrainingStatusRule).
        const string started = "(x.\"At\" IS NOT NULL AND (c.\"EmployeeId\" IS NULL OR x.\"At\" > c.\"CompletedAt\"))";

        var sql = $"""
            WITH mods("ModuleId", "WindowEnd") AS (VALUES {mods}),
            {(programs.Count > 0 ? $"covers(\"ProgramId\", \"ModuleId\", \"Position\") AS (VALUES {string.Join(", ", programs)})," : "")}
            {(members.Count > 0 ? $"grp(\"Group\", \"ModuleId\") AS (VALUES {string.Join(", ", members)})," : "")}
            cand AS (
                SELECT a."EmployeeId", a."ItemId" AS "ModuleId", a."DueOn", a."Cycle", a."Source", a."ExpiresAt", a."CompletedAt", a."AssignedAt", 0 AS "Position"
                FROM "Assignments" a
                WHERE a."RemovedAt" IS NULL AND a."ItemKind" = {module} AND a."ItemId" IN (SELECT "ModuleId" FROM mods) {only}
                {(programs.Count > 0 ? $"""
                UNION ALL
                SELECT a."EmployeeId", p."ModuleId", a."DueOn", a."Cycle", a."Source", a."ExpiresAt", a."CompletedAt", a."AssignedAt", p."Position"
                FROM "Assignments" a JOIN covers p ON p."ProgramId" = a."ItemId"
                WHERE a."RemovedAt" IS NULL AND a."ItemKind" = {program} {only}
                """ : "")}
            ),
            deciding AS (
                -- TrainingStatusRule.Decides: open before done, the later cycle, the later assigned; on a full tie the
                -- report keeps the module's own assignment, then the programs' in catalogue order.
                SELECT * FROM (
                    SELECT cand.*, ROW_NUMBER() OVER (PARTITION BY "EmployeeId", "ModuleId"
                        ORDER BY CASE WHEN "CompletedAt" IS NULL THEN 0 ELSE 1 END, "Cycle" DESC, "AssignedAt" DESC, "Position") AS "Rank"
                    FROM cand) r
                WHERE "Rank" = 1
            ),
            latest AS (
                SELECT * FROM (
                    SELECT a."EmployeeId", a."ModuleId", a."CompletedAt", a."ExpiresAt",
                        ROW_NUMBER() OVER (PARTITION BY a."EmployeeId", a."ModuleId" ORDER BY a."Sequence" DESC) AS "Rank"
                    FROM "ModuleCompletions" a WHERE a."ModuleId" IN (SELECT "ModuleId" FROM mods) {only}) r
                WHERE "Rank" = 1
            ),
            activity AS (
                SELECT "EmployeeId", "ModuleId", MAX("At") AS "At" FROM (
                    SELECT a."EmployeeId", a."ModuleId", a."ReadAt" AS "At" FROM "LessonViews" a WHERE a."ModuleId" IN (SELECT "ModuleId" FROM mods) {only}
                    UNION ALL
                    SELECT a."EmployeeId", a."ModuleId", a."StartedAt" FROM "QuizAttempts" a WHERE a."ModuleId" IN (SELECT "ModuleId" FROM mods) {only}) r
                GROUP BY "EmployeeId", "ModuleId"
            ),
            cells AS (
                SELECT k."EmployeeId", k."ModuleId", CASE
                    WHEN d."EmployeeId" IS NOT NULL THEN CASE
                        WHEN d."CompletedAt" IS NOT NULL
                            OR (c."EmployeeId" IS NOT NULL AND (c."ExpiresAt" IS NULL OR c."ExpiresAt" > {nowAt}) AND (d."Cycle" = 0 OR c."ExpiresAt" > d."ExpiresAt"))
                            THEN {Is(TrainingStatus.Completed)}
                        WHEN d."ExpiresAt" <= {nowAt} THEN {Is(TrainingStatus.Expired)}
                        WHEN d."DueOn" < {today} THEN {Is(TrainingStatus.Overdue)}
                        WHEN d."Source" = {refresher} THEN {Is(TrainingStatus.Expiring)}
                        WHEN {started} THEN {Is(TrainingStatus.InProgress)}
                        ELSE {Is(TrainingStatus.Assigned)} END
                    WHEN c."EmployeeId" IS NOT NULL THEN CASE
                        WHEN c."ExpiresAt" IS NULL THEN {Is(TrainingStatus.Completed)}
                        WHEN c."ExpiresAt" <= {nowAt} THEN CASE WHEN {started} THEN {Is(TrainingStatus.InProgress)} ELSE {Is(TrainingStatus.Expired)} END
                        WHEN c."ExpiresAt" <= m."WindowEnd" THEN {Is(TrainingStatus.Expiring)}
                        ELSE {Is(TrainingStatus.Completed)} END
                    ELSE {Is(TrainingStatus.InProgress)} END AS "Status"
                FROM (SELECT "EmployeeId", "ModuleId" FROM deciding UNION SELECT "EmployeeId", "ModuleId" FROM latest
                      UNION SELECT "EmployeeId", "ModuleId" FROM activity) k
                JOIN mods m ON m."ModuleId" = k."ModuleId"
                LEFT JOIN deciding d ON d."EmployeeId" = k."EmployeeId" AND d."ModuleId" = k."ModuleId"
                LEFT JOIN latest c ON c."EmployeeId" = k."EmployeeId" AND c."ModuleId" = k."ModuleId"
                LEFT JOIN activity x ON x."EmployeeId" = k."EmployeeId" AND x."ModuleId" = k."ModuleId"
            )
            SELECT "EmployeeId", '' AS "Group", "Status", COUNT(*) AS "Cells" FROM cells GROUP BY "EmployeeId", "Status"
            {(members.Count > 0 ? """
            UNION ALL
            SELECT c."EmployeeId", g."Group", c."Status", COUNT(*) FROM cells c JOIN grp g ON g."ModuleId" = c."ModuleId" GROUP BY c."EmployeeId", g."Group", c."Status"
            """ : "")}
            """;
        await foreach (var row in db.Database.SqlQueryRaw<CellCount>(sql, [.. args]).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            // Rows of employees outside the report (when every row was read) are left out.
            if (!counts.ContainsKey(row.EmployeeId)) continue;
            if (row.Group == "") counts[row.EmployeeId][row.Status] = row.Cells;
            else if (byGroup.TryGetValue(row.Group, out var group))
            {
                if (!group.TryGetValue(row.EmployeeId, out var inGroup)) group[row.EmployeeId] = inGroup = new long[Statuses];
                inGroup[row.Status] = row.Cells;
            }
        }
        // A cell with no assignment, completion or activity is not in the statement's rows: not assigned.
        foreach (var byStatus in counts.Values) byStatus[(int)TrainingStatus.NotAssigned] = modules.Count - byStatus.Sum();
        foreach (var (name, group) in byGroup)
        {
            var size = groups[name].Count(id => modules.Any(m => m.Id == id));
            foreach (var byStatus in group.Values) byStatus[(int)TrainingStatus.NotAssigned] = size - byStatus.Sum();
        }
        return (counts, byGroup);
    }

    /// <summary>The latest expiry whose refresher window is open at <c>now</c>: a completion expiring at or before it (and
    /// after now) is expiring. The window is calendar arithmetic (a month back from 31 March is 28 February), which SQL
    /// cannot repeat in both databases; but it never goes backwards, so the expiries it opens by now are all those up to
    /// one instant, found here by bisection.</summary>
    private DateTimeOffset WindowEnd(ReportModule module)
    {
        bool Open(long ticks) => Refresher.WindowOpensAt(new DateTimeOffset(ticks, TimeSpan.Zero), module.RefresherWindow) <= now;
        long low = now.UtcTicks, high = DateTimeOffset.MaxValue.UtcTicks;
        if (Open(high)) return DateTimeOffset.MaxValue;
        // Open(low) holds (a window opens before its expiry); Open(high) does not.
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (Open(middle)) low = middle;
            else high = middle;
        }
        return new DateTimeOffset(low, TimeSpan.Zero);
    }
}
