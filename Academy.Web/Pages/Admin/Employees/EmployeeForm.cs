using System.ComponentModel.DataAnnotations;
using Academy.Web.Data;
using Academy.Web.Infrastructure;

namespace Academy.Web.Pages.Admin.Employees;

/// <summary>The profile fields shared by the create and edit pages.</summary>
public sealed class EmployeeForm
{
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

    public string? ManagerId { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? HireDate { get; set; }

    [RegularExpression("^(en|fr)?$")]
    public string? PreferredLanguage { get; set; }

    public List<string> Roles { get; set; } = [Infrastructure.Roles.Learner];

    public static EmployeeForm From(Employee e, IEnumerable<string> roles) => new()
    {
        FullName = e.FullName, Email = e.Email ?? "", EmployeeNumber = e.EmployeeNumber, Department = e.Department, JobRole = e.JobRole,
        ManagerId = e.ManagerId, HireDate = e.HireDate, PreferredLanguage = e.PreferredLanguage, Roles = roles.ToList(),
    };

    public void ApplyTo(Employee e)
    {
        e.FullName = FullName.Trim();
        e.Email = e.UserName = Email.Trim();
        e.EmployeeNumber = Blank(EmployeeNumber);
        e.Department = Blank(Department);
        e.JobRole = Blank(JobRole);
        e.ManagerId = Blank(ManagerId);
        e.HireDate = HireDate;
        e.PreferredLanguage = Blank(PreferredLanguage);
    }

    /// <summary>The roles asked for that exist; anything else posted is ignored.</summary>
    public IEnumerable<string> ValidRoles => Roles.Intersect(Infrastructure.Roles.All);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
