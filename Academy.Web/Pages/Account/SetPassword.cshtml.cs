using System.ComponentModel.DataAnnotations;
using Academy.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Account;

/// <summary>Where an invitation's link leads: the new employee chooses a password with Identity's reset token, which
/// expires and works once (setting the password changes the security stamp the token was made from).</summary>
public sealed class SetPasswordModel(UserManager<Employee> users, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public InputModel Input { get; set; } = new();
    [TempData] public bool Done { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a new password."), DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Type the new password again."), DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var employee = string.IsNullOrEmpty(Id) ? null : await users.FindByIdAsync(Id);
        if (employee is null || !employee.IsActive)
        {
            ModelState.AddModelError("", t["This link is not valid: ask your HR team for a new invitation."]);
            return Page();
        }
        var result = await users.ResetPasswordAsync(employee, Token, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError("", error.Code == "InvalidToken" ? t["This link has expired or was already used: ask your HR team for a new invitation."] : error.Description);
            return Page();
        }
        Done = true;
        return RedirectToPage(new { id = "", token = "" });
    }
}
