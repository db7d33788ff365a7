using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages;

/// <summary>The language switcher: remembered in a cookie, and in the profile of a signed-in employee. A form with an
/// antiforgery token, because it writes: as a link, an image in any page (<c>&lt;img src="/language?culture=fr"&gt;</c>)
/// could switch every reader's language.</summary>
public sealed class LanguageModel(UserManager<Employee> users, SignInManager<Employee> signIn) : PageModel
{
    /// <summary>An old link or a bookmark: back where it came from, changing nothing.</summary>
    public IActionResult OnGet(string? returnUrl) => LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
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
