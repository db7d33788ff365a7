using System.Text.Json;
using Academy.Domain.People;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Import;

/// <summary>A stored file read and checked against the employees stored now: what the preview shows and what the job
/// applies, computed the same way both times.</summary>
public sealed record ImportCheck(ImportFileText File, IReadOnlyList<ImportField?> Columns, IReadOnlyList<ImportField> MissingColumns, ImportPlan Plan);

public static class ImportPlanner
{
    public static ImportField?[] Columns(EmployeeImportFile file) =>
        JsonSerializer.Deserialize<string?[]>(file.ColumnsJson)!.Select(c => Enum.TryParse<ImportField>(c, out var f) ? f : (ImportField?)null).ToArray();

    public static string ColumnsJson(IEnumerable<ImportField?> columns) => JsonSerializer.Serialize(columns.Select(c => c?.ToString()).ToArray());

    public static async Task<ImportCheck> CheckAsync(AcademyDbContext db, EmployeeImportFile file, CancellationToken cancellationToken)
    {
        var text = ImportFileReader.Read(file.Content);
        var columns = Columns(file);
        var missing = ImportHeaders.MissingRequired(columns);
        if (missing.Count > 0) return new ImportCheck(text, columns, missing, new ImportPlan([], []));
        var stored = await StoredAsync(db, cancellationToken);
        return new ImportCheck(text, columns, missing, EmployeeImport.Plan(columns, text.Rows, stored, file.DeactivateMissing));
    }

    /// <summary>Every employee, as the import compares them: one query, no tracking.</summary>
    public static async Task<List<ExistingEmployee>> StoredAsync(AcademyDbContext db, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.EmployeeNumber, u.Email, u.FullName, u.Department, u.JobRole, u.Location, u.ManagerId, u.HireDate, u.PreferredLanguage, u.IsActive })
            .ToListAsync(cancellationToken))
        .Select(u => new ExistingEmployee(u.Id, new EmployeeRecord(u.EmployeeNumber, u.Email ?? "", u.FullName, u.Department, u.JobRole, u.Location, u.ManagerId, u.HireDate, u.PreferredLanguage, u.IsActive)))
        .ToList();
}
