using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Admin.Employees;

public sealed class EditModel(AcademyDbContext db, UserManager<Employee> users, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public EmployeeForm Form { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public bool IsActive { get; private set; }
    public EmployeeFieldsView Fields { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } employee) return NotFound();
        Form = EmployeeForm.From(employee, await users.GetRolesAsync(employee));
        return await ShowAsync(employee, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } employee) return NotFound();
        await Form.CheckAsync(db, employee.Id, ModelState, t, cancellationToken);
        if (!ModelState.IsValid) return await ShowAsync(employee, cancellationToken);
        Form.ApplyTo(employee);
        var result = await users.UpdateAsync(employee);
        if (result.Succeeded)
        {
            var current = await users.GetRolesAsync(employee);
            var wanted = Form.ValidRoles.ToList();
            result = await users.RemoveFromRolesAsync(employee, current.Except(wanted));
            if (result.Succeeded) result = await users.AddToRolesAsync(employee, wanted.Except(current));
        }
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
            return await ShowAsync(employee, cancellationToken);
        }
        Message = t["The changes to {0} are saved.", employee.FullName];
        return RedirectToPage("/Admin/Employees/Index");
    }

    /// <param name="active">Only <c>true</c> or <c>false</c>, as the page's own button posts: anything else is a
    /// tampered or broken form, refused rather than read as false.</param>
    public async Task<IActionResult> OnPostActiveAsync(string id, bool? active)
    {
        if (active is not { } wanted) return BadRequest();
        if (await users.FindByIdAsync(id) is not { } employee) return NotFound();
        employee.IsActive = wanted;
        await users.UpdateAsync(employee);
        // A new stamp ends the sessions the employee has open (checked every minute).
        if (!wanted) await users.UpdateSecurityStampAsync(employee);
        Message = wanted ? t["{0} can sign in again.", employee.FullName] : t["{0} is deactivated and can no longer sign in.", employee.FullName];
        return RedirectToPage("/Admin/Employees/Index");
    }

    private async Task<IActionResult> ShowAsync(Employee employee, CancellationToken cancellationToken)
    {
        IsActive = employee.IsActive;
        Fields = await EmployeeFieldsView.LoadAsync(db, Form, employee.Id, ModelState, cancellationToken);
        return Page();
    }
}
