using System.Security.Claims;
using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Academy.Web.Infrastructure;

public static class AcademyClaims
{
    public const string FullName = "academy:name";
    public const string Language = "academy:lang";
    public const string Department = "academy:department";
    public const string JobRole = "academy:jobrole";

    public static string? Get(this ClaimsPrincipal user, string type) => user.FindFirstValue(type);

    /// <summary>The signed-in employee's id, from the cookie (Identity's default user id claim): no service needed.</summary>
    public static string EmployeeId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No employee is signed in.");
}

/// <summary>Puts the profile facts that every page needs into the cookie, so pages need no query for them.</summary>
public sealed class EmployeeClaimsFactory(UserManager<Employee> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Employee, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Employee user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AcademyClaims.FullName, user.FullName));
        if (user.PreferredLanguage is { } language) identity.AddClaim(new Claim(AcademyClaims.Language, language));
        if (user.Department is { } department) identity.AddClaim(new Claim(AcademyClaims.Department, department));
        if (user.JobRole is { } jobRole) identity.AddClaim(new Claim(AcademyClaims.JobRole, jobRole));
        return identity;
    }
}

/// <summary>Only active employees may sign in.</summary>
public sealed class ActiveEmployeeConfirmation : IUserConfirmation<Employee>
{
    public Task<bool> IsConfirmedAsync(UserManager<Employee> manager, Employee user) => Task.FromResult(user.IsActive);
}

/// <summary>The language of the signed-in employee's profile.</summary>
public sealed class ProfileCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        Task.FromResult(httpContext.User.Get(AcademyClaims.Language) is { } language ? new ProviderCultureResult(language) : null);
}
