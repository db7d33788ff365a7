using System.Runtime.CompilerServices;
using System.Security.Claims;
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
/// <param name="Language">The language <paramref name="Title"/> is written in (the page's, when the module is translated).</param>
public sealed record ReportModule(string Id, string Title, string Language, Academy.Domain.Content.Validity? RefresherWindow);

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

    /// <summary>Employees per chunk for a report of <paramref name="moduleCount"/> columns.</summary>
    public static int ChunkSize(int moduleCount) => Math.Clamp(ChunkCells / Math.Max(1, moduleCount), 50, 1000);

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
        return modules.Select(m => new ReportModule(m.Id, m.In(language).Title, m.In(language).Language, m.Default.RefresherWindow)).ToList();
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
                    modules.Add(new ReportModule(module.Id, module.In(language).Title, module.In(language).Language, module.Default.RefresherWindow));
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

    /// <summary>The rows after the employee <paramref name="afterId"/> (null: from the start), in name order, read in
    /// chunks of at most <paramref name="chunkSize"/> employees; with a status filter, only the employees with at least one
    /// cell in that status (or for whom <paramref name="hasStatus"/> says so: the program view's cells).</summary>
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
        Func<ReportRow, bool>? keep = filter.Status is not { } status ? null
            : hasStatus is not null ? row => hasStatus(row, status)
            : row => Array.Exists(row.Cells, c => c.Status == status);
        await foreach (var row in ReportExportRows.ReadAsync(db, content, now, employees, modules, chunkSize, keep, cancellationToken))
            yield return row;
    }

    /// <summary>One employee's row (whatever the status filter), or null when they are outside the reader's scope (or
    /// inactive).</summary>
    public async Task<ReportRow?> RowAsync(IReadOnlyList<ReportModule> modules, string id, CancellationToken cancellationToken)
    {
        await foreach (var row in ReportExportRows.ReadAsync(db, content, now, Employees().Where(u => u.Id == id), modules, 1, null, cancellationToken))
            return row;
        return null;
    }
}
