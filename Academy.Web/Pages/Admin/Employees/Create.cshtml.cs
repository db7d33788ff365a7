using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Admin.Employees;

public sealed class CreateModel(AcademyDbContext db, UserManager<Employee> users, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public EmployeeForm Form { get; set; } = new();
    [BindProperty] public string Password { get; set; } = "";
    [TempData] public string? Message { get; set; }

    public EmployeeFieldsView Fields { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Fields = await EmployeeFieldsView.LoadAsync(db, Form, null, ModelState, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Form.CheckAsync(db, null, ModelState, t, cancellationToken);
        if (ModelState.IsValid)
        {
            var employee = new Employee { EmailConfirmed = true };
            Form.ApplyTo(employee);
            var result = await users.CreateAsync(employee, Password);
            if (result.Succeeded) result = await users.AddToRolesAsync(employee, Form.ValidRoles);
            if (result.Succeeded)
            {
                Message = t["The account of {0} is created.", employee.FullName];
                return RedirectToPage("/Admin/Employees/Index");
            }
            foreach (var error in result.Errors) ModelState.AddModelError("", error.Description);
        }
        Fields = await EmployeeFieldsView.LoadAsync(db, Form, null, ModelState, cancellationToken);
        return Page();
    }
}
