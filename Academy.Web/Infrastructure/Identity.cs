using System.Security.Claims;
using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
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

/// <summary>Signs in so that a wrong password takes as long whether the email belongs to an account or not:
/// Identity answers at once for an unknown email (or a deactivated or locked account) and hashes only for a
/// known one, which lets anyone find out who works here by timing the form. Every failing path here verifies the
/// password against a hash made by the same hasher, so each costs one hash.</summary>
public sealed class AcademySignInManager(
    UserManager<Employee> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Employee> claimsFactory,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<Employee>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Employee> confirmation)
    : SignInManager<Employee>(users, contextAccessor, claimsFactory, options, logger, schemes, confirmation)
{
    private static readonly Employee Nobody = new();

    // Made once per process, by the hasher (and so with the iteration count) real passwords use.
    private static string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        SpendOneHash(password);
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(Employee user, string password, bool lockoutOnFailure)
    {
        // A deactivated or locked account is refused before its password is looked at.
        if (await PreSignInCheck(user) is not null) SpendOneHash(password);
        return await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
    }

    private void SpendOneHash(string password)
    {
        var hasher = UserManager.PasswordHasher;
        _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
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
