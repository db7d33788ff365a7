using System.ComponentModel.DataAnnotations;
using Academy.Domain.People;
using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Admin.Employees;

/// <summary>The profile fields shared by the create and edit pages.</summary>
public sealed class EmployeeForm
{
    // The pages bind this form as "Form"; the fields show the errors under these keys.
    private const string NumberKey = "Form.EmployeeNumber";
    private const string ManagerKey = "Form.ManagerId";

    [Required(ErrorMessage = "Enter the full name."), StringLength(200)]
    public string FullName { get; set; } = "";

    [Required(ErrorMessage = "Enter the email."), EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [StringLength(50)]
    public string? EmployeeNumber { get; set; }

    [StringLength(100)]
    public string? Department { get; set; }

    [StringLength(100)]
    public string? JobRole { get; set; }

    /// <summary>The site the employee works from; audience rules can select by it.</summary>
    [StringLength(100)]
    public string? Location { get; set; }

    public string? ManagerId { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? HireDate { get; set; }

    [RegularExpression("^(en|fr)?$")]
    public string? PreferredLanguage { get; set; }

    public List<string> Roles { get; set; } = [Infrastructure.Roles.Learner];

    public static EmployeeForm From(Employee e, IEnumerable<string> roles) => new()
    {
        FullName = e.FullName, Email = e.Email ?? "", EmployeeNumber = e.EmployeeNumber, Department = e.Department, JobRole = e.JobRole, Location = e.Location,
        ManagerId = e.ManagerId, HireDate = e.HireDate, PreferredLanguage = e.PreferredLanguage, Roles = roles.ToList(),
    };

    public void ApplyTo(Employee e)
    {
        e.FullName = FullName.Trim();
        e.Email = e.UserName = Email.Trim();
        e.EmployeeNumber = Blank(EmployeeNumber);
        e.Department = Blank(Department);
        e.JobRole = Blank(JobRole);
        e.Location = Blank(Location);
        e.ManagerId = Blank(ManagerId);
        e.HireDate = HireDate;
        e.PreferredLanguage = Blank(PreferredLanguage);
    }

    /// <summary>Checks what only the stored employees can tell, before anything is saved: the employee number is
    /// nobody else's (it has a unique index), and the manager exists and is not the employee or one of their reports.
    /// Each problem goes on its field.</summary>
    /// <param name="employeeId">The employee being edited; <c>null</c> for a new one.</param>
    public async Task CheckAsync(AcademyDbContext db, string? employeeId, ModelStateDictionary modelState, IStringLocalizer t, CancellationToken cancellationToken)
    {
        if (Blank(EmployeeNumber) is { } number
            && await db.Users.Where(u => u.EmployeeNumber == number && u.Id != employeeId).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken) is { } holder)
            modelState.AddModelError(NumberKey, t["{0} is already the number of {1}: check the number, or change theirs first.", number, holder]);

        if (Blank(ManagerId) is not { } managerId) return;
        if (!await db.Users.AnyAsync(u => u.Id == managerId, cancellationToken))
        {
            modelState.AddModelError(ManagerKey, t["Choose a manager from the list: the one chosen no longer exists."]);
            return;
        }
        if (employeeId is null) return;
        var managers = await db.Users.Where(u => u.ManagerId != null).Select(u => new { u.Id, u.ManagerId }).ToDictionaryAsync(u => u.Id, u => u.ManagerId!, cancellationToken);
        var circle = ReportingLine.CircleIf(employeeId, managerId, managers);
        if (circle.Count == 1)
            modelState.AddModelError(ManagerKey, t["An employee cannot be their own manager: choose someone else, or None."]);
        else if (circle.Count > 1)
        {
            var names = await db.Users.Where(u => u.Id == managerId || u.Id == employeeId).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
            modelState.AddModelError(ManagerKey,
                t["{0} reports to {1}, directly or through others, so cannot be {1}'s manager: choose someone else.", names[managerId], names[employeeId]]);
        }
    }

    /// <summary>The roles asked for that exist; anything else posted is ignored.</summary>
    public IEnumerable<string> ValidRoles => Roles.Intersect(Infrastructure.Roles.All);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
