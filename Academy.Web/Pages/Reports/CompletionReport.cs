using System.Runtime.CompilerServices;
using System.Security.Claims;
using Academy.Domain.Assignments;
using Academy.Domain.Learning;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>Whose rows a reader of the report may see: everyone (HR, admin) or the people under one manager.</summary>
public sealed record ReportScope(string? ManagerId)
{
    public static readonly ReportScope Everyone = new((string?)null);

    /// <summary>HR and administrators see everyone; a manager sees their reports, direct and indirect; anyone else
    /// nothing (null).</summary>
    public static async Task<ReportScope?> ForAsync(ClaimsPrincipal user, AcademyDbContext db, CancellationToken cancellationToken)
    {
        if (user.Allows(Policies.HR)) return Everyone;
        var me = user.EmployeeId();
        return await db.Users.AnyAsync(u => u.ManagerId == me, cancellationToken) ? new ReportScope(me) : null;
    }
}

/// <summary>A column of the matrix: one published module.</summary>
public sealed record ReportModule(string Id, string Title, Academy.Domain.Content.Validity? RefresherWindow);

/// <summary>A column of the program view: a program and the positions of its modules among the report's modules.</summary>
public sealed record ReportProgram(string Id, string Title, int[] Columns)
{
    public TrainingCell CellOf(ReportRow row) => ProgramStatusRule.Of(Columns.Select(i => row.Cells[i]).ToArray());
}

/// <summary>An employee's line: who they are, and one cell per column.</summary>
public sealed record ReportRow(string Id, string? Number, string Name, string Email, string? Department, string? Location, string? JobRole,
    string? Manager, DateOnly? HireDate, TrainingCell[] Cells)
{
    public int Count(TrainingStatus status) => Cells.Count(c => c.Status == status);
}

/// <summary>Reads the completion report: employees in name order, each with a cell per module. Rows come in chunks of
/// employees; each chunk costs one query per table (employees, assignments, completions, lessons, attempts) whatever its
/// size, and nothing but the chunk is held, so an export of any size runs in flat memory.</summary>
public sealed class CompletionReport(AcademyDbContext db, PublishedContent content, ReportScope scope, ReportFilter filter, DateTimeOffset now)
{
    /// <summary>About this many cells per chunk of an export (500 employees at 60 modules, 300 at 100): the memory an
    /// export holds is the chunk, so it is bounded in cells, not in employees.</summary>
    private const int ChunkCells = 30_000;

    /// <summary>The first chunk of an export is small, so that its first bytes leave at once; chunks then double.</summary>
    private const int FirstChunk = 50;

    /// <summary>What the export's reader (<see cref="ReportExportRows"/>) needs besides <see cref="Employees"/>.</summary>
    public (AcademyDbContext Db, PublishedContent Content, TrainingStatus? Status, DateTimeOffset Now) Source => (db, content, filter.Status, now);

    /// <summary>Employees per chunk for a report of <paramref name="moduleCount"/> columns.</summary>
    public static int ChunkSize(int moduleCount) => Math.Clamp(ChunkCells / Math.Max(1, moduleCount), FirstChunk, 1000);

    /// <summary>The modules the filter selects, in catalogue order of title.</summary>
    public IReadOnlyList<ReportModule> Modules(string language)
    {
        var program = filter.Program is { } p ? content.Programs.FirstOrDefault(x => x.Id == p) : null;
        IEnumerable<PublishedModule> modules = program is not null
            ? program.ModuleIds.Select(content.Module).OfType<PublishedModule>()
            : content.Modules.Values.OrderBy(m => m.In(language).Title, StringComparer.CurrentCulture);
        if (filter.Program is not null && program is null) modules = [];
        if (!string.IsNullOrEmpty(filter.Module)) modules = modules.Where(m => m.Id == filter.Module);
        if (!string.IsNullOrEmpty(filter.Standard)) modules = modules.Where(m => m.Default.Standards.Contains(filter.Standard));
        return modules.Select(m => new ReportModule(m.Id, m.In(language).Title, m.Default.RefresherWindow)).ToList();
    }

    /// <summary>The program view's columns (every program, or the one the filter names) and the modules they need, each
    /// module once: the module and standard filters do not apply to it.</summary>
    public (IReadOnlyList<ReportModule> Modules, IReadOnlyList<ReportProgram> Programs) ProgramColumns(string language)
    {
        var modules = new List<ReportModule>();
        var position = new Dictionary<string, int>();
        var programs = new List<ReportProgram>();
        foreach (var program in content.Programs.Where(p => filter.Program is null || p.Id == filter.Program))
        {
            var columns = new List<int>();
            foreach (var module in program.ModuleIds.Select(content.Module).OfType<PublishedModule>())
            {
                if (!position.TryGetValue(module.Id, out var at))
                {
                    position[module.Id] = at = modules.Count;
                    modules.Add(new ReportModule(module.Id, module.In(language).Title, module.Default.RefresherWindow));
                }
                columns.Add(at);
            }
            programs.Add(new ReportProgram(program.Id, program.Title, [.. columns]));
        }
        return (modules, programs);
    }

    /// <summary>The employees in scope that the filter's employee fields select (the status filter applies to cells).</summary>
    public IQueryable<Employee> Employees()
    {
        var users = db.Users.AsNoTracking().Where(u => u.IsActive);
        if (scope.ManagerId is { } manager) users = users.Where(u => Team(manager).Contains(u.Id));
        if (!string.IsNullOrEmpty(filter.ManagerId)) users = users.Where(u => Team(filter.ManagerId).Contains(u.Id));
        if (!string.IsNullOrEmpty(filter.Department)) users = users.Where(u => u.Department == filter.Department);
        if (!string.IsNullOrEmpty(filter.Location)) users = users.Where(u => u.Location == filter.Location);
        if (!string.IsNullOrEmpty(filter.JobRole)) users = users.Where(u => u.JobRole == filter.JobRole);
        if (filter.HiredFrom is { } from) users = users.Where(u => u.HireDate >= from);
        if (filter.HiredTo is { } to) users = users.Where(u => u.HireDate <= to);
        return users;
    }

    /// <summary>Everyone under <paramref name="managerId"/>, at any depth, in one recursive query.</summary>
    public IQueryable<string> Team(string managerId) => db.ReportIdsOf(managerId);

    /// <summary>The rows after the employee <paramref name="afterId"/> (null: from the start), in name order; with a status
    /// filter, only the employees with at least one cell in that status (or for whom <paramref name="hasStatus"/> says so:
    /// the program view's cells).</summary>
    public async IAsyncEnumerable<ReportRow> RowsAsync(IReadOnlyList<ReportModule> modules, string? afterId, int chunkSize,
        [EnumeratorCancellation] CancellationToken cancellationToken, Func<ReportRow, TrainingStatus, bool>? hasStatus = null)
    {
        var employees = Employees();
        if (afterId is not null)
        {
            var after = await db.Users.AsNoTracking().Where(u => u.Id == afterId).Select(u => new { u.FullName, u.Id }).FirstOrDefaultAsync(cancellationToken);
            if (after is not null)
                employees = employees.Where(u => u.FullName.CompareTo(after.FullName) > 0 || (u.FullName == after.FullName && u.Id.CompareTo(after.Id) > 0));
        }
        var ordered = employees.OrderBy(u => u.FullName).ThenBy(u => u.Id);
        string? lastName = null, lastId = null;
        // An export starts small and doubles; a screen's page (a chunk of a few dozen) is read in one go.
        var size = chunkSize > 2 * FirstChunk ? FirstChunk : chunkSize;
        while (true)
        {
            var page = lastId is null ? ordered : ordered.Where(u => u.FullName.CompareTo(lastName) > 0 || (u.FullName == lastName && u.Id.CompareTo(lastId) > 0));
            var chunk = await People(page.Take(size)).ToListAsync(cancellationToken);
            if (chunk.Count == 0) yield break;
            foreach (var row in await CellsAsync(chunk, modules, cancellationToken))
                if (filter.Status is not { } status || (hasStatus?.Invoke(row, status) ?? row.Cells.Any(c => c.Status == status))) yield return row;
            if (chunk.Count < size) yield break;
            (lastName, lastId) = (chunk[^1].Name, chunk[^1].Id);
            size = Math.Min(chunkSize, size * 2);
        }
    }

    /// <summary>One employee's row, or null when they are outside the reader's scope (or inactive).</summary>
    public async Task<ReportRow?> RowAsync(IReadOnlyList<ReportModule> modules, string id, CancellationToken cancellationToken) =>
        await People(Employees().Where(u => u.Id == id)).FirstOrDefaultAsync(cancellationToken) is { } person
            ? (await CellsAsync([person], modules, cancellationToken))[0]
            : null;

    private static IQueryable<Person> People(IQueryable<Employee> employees) =>
        employees.Select(u => new Person(u.Id, u.EmployeeNumber, u.FullName, u.Email ?? "", u.Department, u.Location, u.JobRole,
            u.Manager == null ? null : u.Manager.FullName, u.HireDate));

    private sealed record Person(string Id, string? Number, string Name, string Email, string? Department, string? Location, string? JobRole, string? Manager, DateOnly? HireDate);

    private async Task<List<ReportRow>> CellsAsync(List<Person> people, IReadOnlyList<ReportModule> modules, CancellationToken cancellationToken)
    {
        var ids = people.Select(p => p.Id).ToList();
        var moduleIds = modules.Select(m => m.Id).ToList();
        // A program's assignment covers each of its modules.
        var programsOf = content.Programs.SelectMany(p => p.ModuleIds.Select(m => (Module: m, Program: p.Id))).ToLookup(x => x.Module, x => x.Program);
        var programIds = moduleIds.SelectMany(m => programsOf[m]).Distinct().ToList();

        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.EmployeeId) && a.RemovedAt == null
                && (a.ItemKind == ItemKind.Module && moduleIds.Contains(a.ItemId) || a.ItemKind == ItemKind.Program && programIds.Contains(a.ItemId)))
            .Select(a => new { a.EmployeeId, a.ItemKind, a.ItemId, a.AssignedAt, a.DueOn, a.Cycle, a.Source, a.ExpiresAt, a.CompletedAt })
            .ToListAsync(cancellationToken);
        var completions = await db.ModuleCompletions.AsNoTracking()
            .Where(c => ids.Contains(c.EmployeeId) && moduleIds.Contains(c.ModuleId))
            .Select(c => new { c.EmployeeId, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt })
            .ToListAsync(cancellationToken);
        var lessons = await db.LessonViews.AsNoTracking()
            .Where(v => ids.Contains(v.EmployeeId) && moduleIds.Contains(v.ModuleId))
            .GroupBy(v => new { v.EmployeeId, v.ModuleId }).Select(g => new { g.Key.EmployeeId, g.Key.ModuleId, At = g.Max(v => v.ReadAt) })
            .ToListAsync(cancellationToken);
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => ids.Contains(a.EmployeeId) && moduleIds.Contains(a.ModuleId))
            .GroupBy(a => new { a.EmployeeId, a.ModuleId }).Select(g => new { g.Key.EmployeeId, g.Key.ModuleId, At = g.Max(a => a.StartedAt) })
            .ToListAsync(cancellationToken);

        // Per (employee, kind, item), only the assignment that decides, kept while reading: a cell then costs a few
        // dictionary reads and no allocation (an export of 50,000 × 100 computes 5 million cells).
        var deciding = new Dictionary<(string, ItemKind, string), AssignmentFacts>(assignments.Count);
        foreach (var a in assignments)
        {
            var facts = new AssignmentFacts(a.AssignedAt, a.DueOn, a.Cycle, a.Source == AssignmentSource.Refresher, a.ExpiresAt, a.CompletedAt);
            var key = (a.EmployeeId, a.ItemKind, a.ItemId);
            if (!deciding.TryGetValue(key, out var held) || TrainingStatusRule.Decides(facts, held)) deciding[key] = facts;
        }
        var latest = new Dictionary<(string, string), Completion>(completions.Count);
        var sequences = new Dictionary<(string, string), int>(completions.Count);
        foreach (var c in completions)
            if (!sequences.TryGetValue((c.EmployeeId, c.ModuleId), out var sequence) || c.Sequence > sequence)
                (sequences[(c.EmployeeId, c.ModuleId)], latest[(c.EmployeeId, c.ModuleId)]) = (c.Sequence, new Completion(c.CompletedAt, c.ExpiresAt));
        var activity = lessons.Select(l => (l.EmployeeId, l.ModuleId, l.At)).Concat(attempts.Select(a => (a.EmployeeId, a.ModuleId, a.At)))
            .GroupBy(x => (x.EmployeeId, x.ModuleId)).ToDictionary(g => g.Key, g => g.Max(x => x.At));
        var programsOfColumn = modules.Select(m => programsOf[m.Id].ToArray()).ToArray();

        return people.Select(p =>
        {
            var cells = new TrainingCell[modules.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                var m = modules[i];
                AssignmentFacts? covering = deciding.TryGetValue((p.Id, ItemKind.Module, m.Id), out var own) ? own : null;
                foreach (var program in programsOfColumn[i])
                    if (deciding.TryGetValue((p.Id, ItemKind.Program, program), out var viaProgram) && (covering is not { } held || TrainingStatusRule.Decides(viaProgram, held)))
                        covering = viaProgram;
                Completion? completion = latest.TryGetValue((p.Id, m.Id), out var c) ? c : null;
                DateTimeOffset? last = activity.TryGetValue((p.Id, m.Id), out var at) ? at : null;
                cells[i] = TrainingStatusRule.Of(covering, completion, last, m.RefresherWindow, now);
            }
            return new ReportRow(p.Id, p.Number, p.Name, p.Email, p.Department, p.Location, p.JobRole, p.Manager, p.HireDate, cells);
        }).ToList();
    }
}
