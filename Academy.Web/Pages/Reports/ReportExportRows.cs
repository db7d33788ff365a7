using System.Data.Common;
using System.Runtime.CompilerServices;
using Academy.Domain.Assignments;
using Academy.Domain.Learning;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>The completion report's rows, for the screen and the exports alike: the employees in chunks, each chunk's
/// assignments, completions and activity read with bare data readers (the SQL EF makes of the report's filter) by ordinal
/// into arrays indexed by (employee, column) of the chunk, then each cell by <see cref="TrainingStatusRule"/>. One reader,
/// so a file holds the numbers the screen shows; bare readers and arrays rather than EF's materialised objects and
/// dictionaries keyed by (employee, kind, item) tuples of strings, which were most of an export's time at 50,000 × 100.</summary>
public static class ReportExportRows
{
    /// <summary>An export's first chunk is small, so that the first rows leave at once; chunks then double up to the
    /// caller's size (about 30,000 cells: memory is bounded in cells, not in employees).</summary>
    private const int FirstChunk = 50;

    private sealed record Person(string Id, string? Number, string Name, string Email, string? Department, string? Location, string? JobRole, string? Manager, DateOnly? HireDate);

    /// <summary>The rows of <paramref name="employees"/> in name order, <paramref name="maxChunk"/> employees at most per
    /// chunk; those that <paramref name="keep"/> refuses are skipped.</summary>
    public static async IAsyncEnumerable<ReportRow> ReadAsync(AcademyDbContext db, PublishedContent content, DateTimeOffset now,
        IQueryable<Employee> employees, IReadOnlyList<ReportModule> modules, int maxChunk, Func<ReportRow, bool>? keep,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var instant = InstantReader(db);
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < modules.Count; i++) columnOf[modules[i].Id] = i;
        var moduleIds = modules.Select(m => m.Id).ToList();
        // A program's assignment covers each of its modules: a column's programs, by their position in programIds.
        var programIds = content.Programs.Where(p => p.ModuleIds.Any(columnOf.ContainsKey)).Select(p => p.Id).Distinct().ToList();
        var programsOfColumn = modules.Select(m => programIds.Select((id, at) => (id, at))
            .Where(x => content.Programs.Any(p => p.Id == x.id && p.ModuleIds.Contains(m.Id))).Select(x => x.at).ToArray()).ToArray();

        var (width, programWidth) = (modules.Count, programIds.Count);
        // One set of arrays for the whole read, cleared per chunk: a chunk's cells are (employee × column) slots.
        var own = new AssignmentFacts?[maxChunk * width];
        var viaProgram = new AssignmentFacts?[maxChunk * programWidth];
        var latest = new Completion?[maxChunk * width];
        var sequence = new int[maxChunk * width];
        var activity = new DateTimeOffset?[maxChunk * width];

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var ordered = employees.OrderBy(u => u.FullName).ThenBy(u => u.Id);
            string? lastName = null, lastId = null;
            // A screen's page (a few dozen employees) is read in one go.
            var size = maxChunk > 2 * FirstChunk ? FirstChunk : maxChunk;
            var people = new List<Person>(maxChunk);
            var rowOf = new Dictionary<string, int>(maxChunk, StringComparer.Ordinal);
            while (true)
            {
                var page = lastId is null ? ordered : ordered.Where(u => u.FullName.CompareTo(lastName) > 0 || (u.FullName == lastName && u.Id.CompareTo(lastId) > 0));
                people.Clear();
                rowOf.Clear();
                await ReadAsync(page.Take(size).Select(u => new
                {
                    u.Id, u.EmployeeNumber, u.FullName, u.Email, u.Department, u.Location, u.JobRole,
                    Manager = u.Manager == null ? null : u.Manager.FullName, u.HireDate,
                }), r =>
                {
                    rowOf[r.GetString(0)] = people.Count;
                    people.Add(new Person(r.GetString(0), Text(r, 1), r.GetString(2), Text(r, 3) ?? "", Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7),
                        r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8)));
                }, cancellationToken);
                if (people.Count == 0) yield break;

                var cells = people.Count * width;
                Array.Clear(own, 0, cells);
                Array.Clear(viaProgram, 0, people.Count * programWidth);
                Array.Clear(latest, 0, cells);
                Array.Clear(activity, 0, cells);
                var ids = people.Select(p => p.Id).ToList();
                var assignments = db.Assignments.AsNoTracking().Where(a => ids.Contains(a.EmployeeId) && a.RemovedAt == null);

                // Per slot, only the assignment that decides is kept (TrainingStatusRule.Decides), as the screen does.
                static void Keep(AssignmentFacts?[] slots, int at, AssignmentFacts facts)
                {
                    if (slots[at] is not { } held || TrainingStatusRule.Decides(facts, held)) slots[at] = facts;
                }
                AssignmentFacts Facts(DbDataReader r) => new(instant(r, 2), r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3), r.GetInt32(4), r.GetBoolean(5),
                    r.IsDBNull(6) ? null : instant(r, 6), r.IsDBNull(7) ? null : instant(r, 7));
                await ReadAsync(assignments.Where(a => a.ItemKind == ItemKind.Module && moduleIds.Contains(a.ItemId))
                    .Select(a => new { a.EmployeeId, a.ItemId, a.AssignedAt, a.DueOn, a.Cycle, Refresher = a.Source == AssignmentSource.Refresher, a.ExpiresAt, a.CompletedAt }),
                    r => Keep(own, rowOf[r.GetString(0)] * width + columnOf[r.GetString(1)], Facts(r)), cancellationToken);
                if (programWidth > 0)
                    await ReadAsync(assignments.Where(a => a.ItemKind == ItemKind.Program && programIds.Contains(a.ItemId))
                        .Select(a => new { a.EmployeeId, a.ItemId, a.AssignedAt, a.DueOn, a.Cycle, Refresher = a.Source == AssignmentSource.Refresher, a.ExpiresAt, a.CompletedAt }),
                        r => Keep(viaProgram, rowOf[r.GetString(0)] * programWidth + programIds.IndexOf(r.GetString(1)), Facts(r)), cancellationToken);
                // The latest completion of each (employee, module): the one with the highest sequence.
                await ReadAsync(db.ModuleCompletions.AsNoTracking().Where(c => ids.Contains(c.EmployeeId) && moduleIds.Contains(c.ModuleId))
                    .Select(c => new { c.EmployeeId, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt }), r =>
                {
                    var at = rowOf[r.GetString(0)] * width + columnOf[r.GetString(1)];
                    var number = r.GetInt32(2);
                    if (latest[at] is null || number > sequence[at])
                        (sequence[at], latest[at]) = (number, new Completion(instant(r, 3), r.IsDBNull(4) ? null : instant(r, 4)));
                }, cancellationToken);
                // The latest lesson read or quiz attempt.
                void Active(DbDataReader r)
                {
                    var at = rowOf[r.GetString(0)] * width + columnOf[r.GetString(1)];
                    var when = instant(r, 2);
                    if (activity[at] is not { } seen || when > seen) activity[at] = when;
                }
                await ReadAsync(db.LessonViews.AsNoTracking().Where(v => ids.Contains(v.EmployeeId) && moduleIds.Contains(v.ModuleId))
                    .GroupBy(v => new { v.EmployeeId, v.ModuleId }).Select(g => new { g.Key.EmployeeId, g.Key.ModuleId, At = g.Max(v => v.ReadAt) }), Active, cancellationToken);
                await ReadAsync(db.QuizAttempts.AsNoTracking().Where(a => ids.Contains(a.EmployeeId) && moduleIds.Contains(a.ModuleId))
                    .GroupBy(a => new { a.EmployeeId, a.ModuleId }).Select(g => new { g.Key.EmployeeId, g.Key.ModuleId, At = g.Max(a => a.StartedAt) }), Active, cancellationToken);

                for (var e = 0; e < people.Count; e++)
                {
                    var p = people[e];
                    var row = new TrainingCell[width];
                    for (var c = 0; c < width; c++)
                    {
                        var at = e * width + c;
                        var covering = own[at];
                        foreach (var program in programsOfColumn[c])
                            if (viaProgram[e * programWidth + program] is { } via && (covering is not { } held || TrainingStatusRule.Decides(via, held)))
                                covering = via;
                        row[c] = TrainingStatusRule.Of(covering, latest[at], activity[at], modules[c].RefresherWindow, now);
                    }
                    var line = new ReportRow(p.Id, p.Number, p.Name, p.Email, p.Department, p.Location, p.JobRole, p.Manager, p.HireDate, row);
                    if (keep is null || keep(line)) yield return line;
                }
                if (people.Count < size) yield break;
                (lastName, lastId) = (people[^1].Name, people[^1].Id);
                size = Math.Min(maxChunk, size * 2);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs the SQL that EF makes of <paramref name="query"/> and hands each row to <paramref name="row"/>, the
    /// columns in the projection's order.</summary>
    private static async Task ReadAsync<T>(IQueryable<T> query, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = query.CreateDbCommand();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) row(reader);
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Reads a date and time as EF stores it: on SQLite a number (the model's binary converter, so that SQL can
    /// compare them), on PostgreSQL a timestamp.</summary>
    private static Func<DbDataReader, int, DateTimeOffset> InstantReader(AcademyDbContext db)
    {
        var converter = db.Model.FindEntityType(typeof(Assignment))!.FindProperty(nameof(Assignment.AssignedAt))!.GetTypeMapping().Converter;
        if (converter is null) return (r, i) => r.GetFieldValue<DateTimeOffset>(i);
        var fromNumber = (Func<long, DateTimeOffset>)converter.ConvertFromProviderExpression.Compile();
        return (r, i) => fromNumber(r.GetInt64(i));
    }
}
