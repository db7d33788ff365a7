using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Academy.Web.Data;

/// <summary>Creates the roles everywhere, and in Development the demo accounts of the README.</summary>
public sealed class DemoSeeder(UserManager<Employee> users, RoleManager<IdentityRole> roles, IOptions<AcademyOptions> options, ILogger<DemoSeeder> logger)
{
    public sealed record DemoAccount(string Email, string FullName, string Department, string JobRole, string Language, params string[] Roles);

    public static readonly DemoAccount[] Accounts =
    [
        new("admin@academy.test", "Alex Martin", "IT", "Systems administrator", "en", Infrastructure.Roles.Admin, Infrastructure.Roles.Learner),
        new("trainer@academy.test", "Camille Durand", "Learning", "Service trainer", "en", Infrastructure.Roles.Trainer, Infrastructure.Roles.Learner),
        new("hr@academy.test", "Jordan Lee", "Human Resources", "HR partner", "en", Infrastructure.Roles.HR, Infrastructure.Roles.Learner),
        new("newhire@academy.test", "Sam Rivera", "Front Desk", "Receptionist", "en", Infrastructure.Roles.Learner),
        new("lea@academy.test", "Léa Moreau", "Front Desk", "Night auditor", "fr", Infrastructure.Roles.Learner),
        new("omar@academy.test", "Omar Haddad", "Billing", "Billing specialist", "en", Infrastructure.Roles.Learner),
        new("nina@academy.test", "Nina Kowalski", "Logistics", "Dispatcher", "en", Infrastructure.Roles.Learner),
        new("manager@academy.test", "Morgan Blake", "Front Desk", "Front Desk manager", "en", Infrastructure.Roles.Learner),
    ];

    /// <summary>Who reports to whom among the demo accounts: the Front Desk manager's team.</summary>
    public static readonly Dictionary<string, string> ReportsTo = new()
    {
        ["newhire@academy.test"] = "manager@academy.test",
        ["lea@academy.test"] = "manager@academy.test",
    };

    /// <summary>The back office works from the Lyon site, everyone else in Paris, so audiences by location have something to select.</summary>
    private static string LocationOf(DemoAccount account) => account.Department is "Billing" or "Logistics" ? "Lyon" : "Paris";

    public async Task SeedRolesAsync()
    {
        foreach (var role in Infrastructure.Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    /// <returns>Whether the accounts were created now (not on an earlier start).</returns>
    public async Task<bool> SeedDemoAccountsAsync()
    {
        var password = options.Value.Demo.Password;
        if (string.IsNullOrEmpty(password))
        {
            logger.LogWarning("Academy:Demo:Password is not set: no demo account is created");
            return false;
        }
        if (await users.Users.AnyAsync(u => u.Email == Accounts[0].Email)) return false;
        var number = 1000;
        var ids = new Dictionary<string, string>();
        // Managers first, so their reports can point to them.
        foreach (var account in Accounts.OrderBy(a => ReportsTo.ContainsKey(a.Email)))
        {
            var employee = new Employee
            {
                UserName = account.Email,
                Email = account.Email,
                EmailConfirmed = true,
                FullName = account.FullName,
                EmployeeNumber = $"E{++number}",
                Department = account.Department,
                JobRole = account.JobRole,
                PreferredLanguage = account.Language,
                HireDate = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)),
                Location = LocationOf(account),
                ManagerId = ReportsTo.TryGetValue(account.Email, out var managerEmail) ? ids[managerEmail] : null,
            };
            var created = await users.CreateAsync(employee, password);
            if (!created.Succeeded)
                throw new InvalidOperationException($"Demo account {account.Email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            await users.AddToRolesAsync(employee, account.Roles);
            ids[account.Email] = employee.Id;
        }
        logger.LogInformation("Created {Count} demo accounts", Accounts.Length);
        return true;
    }
}
