using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Infrastructure;

public static class Roles
{
    public const string Learner = "Learner";
    public const string Trainer = "Trainer";
    public const string HR = "HR";
    public const string Admin = "Admin";
    public static readonly string[] All = [Learner, Trainer, HR, Admin];
}

public static class Policies
{
    public const string Trainer = "Trainer";
    public const string HR = "HR";
    public const string Admin = "Admin";

    /// <summary>HR and administrators, or anyone who manages someone: the completion report shows each only their scope.</summary>
    public const string Reports = "Reports";
}

/// <summary>Who may see what, in one place: the roles each policy admits and the policy each folder or page
/// needs. Every page not named here requires a signed-in employee (the fallback policy); pages carry no
/// authorization attributes of their own.</summary>
public static class Permissions
{
    private static readonly Dictionary<string, string[]> PolicyRoles = new()
    {
        [Policies.Trainer] = [Roles.Trainer, Roles.Admin],
        [Policies.HR] = [Roles.HR, Roles.Admin],
        [Policies.Admin] = [Roles.Admin],
    };

    /// <summary>Folders and the policy every page in them needs.</summary>
    private static readonly (string Folder, string Policy)[] Folders =
    [
        ("/Admin/Employees", Policies.Admin),
        ("/Workspace", Policies.Trainer),
        ("/Certificates/Manage", Policies.HR),
        ("/Assignments", Policies.HR),
        ("/Reports", Policies.Reports),
        ("/Import", Policies.HR),
        // The leading indicator is for leaders: HR and administrators see everyone, a manager the people under them.
        ("/Indicator", Policies.Reports),
    ];

    /// <summary>Single pages and their policy.</summary>
    private static readonly (string Page, string Policy)[] Pages =
    [
        // Trainers fix the files it lists, so Content health is theirs as much as the administrators'.
        ("/Admin/ContentHealth", Policies.Trainer),
        ("/Admin/Mail", Policies.Admin),
        ("/Admin/Operations", Policies.Admin),
        // Who exported what is HR's audit, not a manager's.
        ("/Reports/Exports", Policies.HR),
        // A manager presents their own team's line-up (the page narrows it), HR and administrators any team's.
        ("/Lineup/Present", Policies.Reports),
    ];

    // A scheduled report's link may go to an auditor without an account: its signature and expiry are the check.
    private static readonly string[] AnonymousPages = ["/Account/Login", "/Account/SetPassword", "/Error", "/Language", "/Verify/Index", "/Reports/Subscriptions/Download"];

    /// <summary>True when <paramref name="user"/> passes <paramref name="policy"/>; the layout uses it to show only
    /// the menu entries that will open.</summary>
    public static bool Allows(this ClaimsPrincipal user, string policy) => PolicyRoles[policy].Any(user.IsInRole);

    /// <summary>True when the user sees every employee in reports: HR and administrators. Anyone else who passes
    /// <see cref="Policies.Reports"/> is a manager and sees only their own reports.</summary>
    public static bool SeesEveryone(this ClaimsPrincipal user) => user.Allows(Policies.HR);

    public static void AddAcademyAuthorization(this IServiceCollection services)
    {
        var builder = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var (policy, roles) in PolicyRoles) builder.AddPolicy(policy, p => p.RequireRole(roles));
        // Managing someone is a fact of the data, not a role: asked of the database on each request, so a new manager
        // needs no new sign-in. The pages then narrow what a manager sees to their own reports.
        builder.AddPolicy(Policies.Reports, p => p.RequireAuthenticatedUser().RequireAssertion(async context =>
            context.User.Allows(Policies.HR) || context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } me && context.Resource is HttpContext http
                && await http.RequestServices.GetRequiredService<Data.AcademyDbContext>().Users.AnyAsync(u => u.ManagerId == me)));
    }

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var (folder, policy) in Folders) conventions.AuthorizeFolder(folder, policy);
        foreach (var (page, policy) in Pages) conventions.AuthorizePage(page, policy);
        foreach (var page in AnonymousPages) conventions.AllowAnonymousToPage(page);
    }
}
