using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages;

/// <summary>The language switcher: remembered in a cookie, and in the profile of a signed-in employee. A link
/// rather than a form, so that pages carry no antiforgery token for it; changing someone's language is harmless.</summary>
public sealed class LanguageModel(UserManager<Employee> users, SignInManager<Employee> signIn) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? culture, string? returnUrl)
    {
        if (!AcademySetup.Cultures.Any(c => c.Name == culture)) return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } employee && employee.PreferredLanguage != culture)
        {
            employee.PreferredLanguage = culture;
            await users.UpdateAsync(employee);
            await signIn.RefreshSignInAsync(employee);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
