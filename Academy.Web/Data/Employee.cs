using Microsoft.AspNetCore.Identity;

namespace Academy.Web.Data;

/// <summary>An employee's account and profile. Deactivated employees keep their history but cannot sign in.</summary>
public sealed class Employee : IdentityUser
{
    public string FullName { get; set; } = "";
    public string? EmployeeNumber { get; set; }
    public string? Department { get; set; }
    public string? JobRole { get; set; }
    public string? ManagerId { get; set; }
    public Employee? Manager { get; set; }
    public DateOnly? HireDate { get; set; }

    /// <summary>Where the employee works (a site, a city); audience rules can select on it.</summary>
    public string? Location { get; set; }

    /// <summary>True when the employee turned the daily digest off; overdue notices are still mailed.</summary>
    public bool DigestOptOut { get; set; }

    /// <summary>Two-letter culture name, e.g. <c>en</c> or <c>fr</c>; null follows the browser.</summary>
    public string? PreferredLanguage { get; set; }
    public bool IsActive { get; set; } = true;
}
