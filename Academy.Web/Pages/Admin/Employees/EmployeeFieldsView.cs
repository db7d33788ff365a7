using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Admin.Employees;

public sealed record ManagerOption(string Id, string Name);

/// <summary>What the shared employee fields need: the form, the choices and the errors.</summary>
public sealed record EmployeeFieldsView(EmployeeForm Form, IReadOnlyList<ManagerOption> Managers, IReadOnlyList<string> Departments, ModelStateDictionary ModelState)
{
    public string? Error(string key) => ModelState[key]?.Errors.FirstOrDefault()?.ErrorMessage;

    public static async Task<EmployeeFieldsView> LoadAsync(AcademyDbContext db, EmployeeForm form, string? exceptId, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        var managers = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Id != exceptId)
            .OrderBy(u => u.FullName).Select(u => new ManagerOption(u.Id, u.FullName)).ToListAsync(cancellationToken);
        var departments = await db.Users.AsNoTracking().Where(u => u.Department != null)
            .Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        return new EmployeeFieldsView(form, managers, departments, modelState);
    }
}
