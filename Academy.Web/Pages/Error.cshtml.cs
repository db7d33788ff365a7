using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages;

/// <summary>Renders status codes (re-executed by the status code pages middleware, which keeps the status) and
/// unhandled errors.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> t) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Explanation) = code switch
        {
            403 => (t["Access denied"].Value, t["Your account does not have access to this page. If you need it, ask your administrator."].Value),
            404 => (t["Page not found"].Value, t["This page does not exist, or it has moved."].Value),
            405 => (t["Nothing to send here"].Value, t["This page only shows information: nothing was changed. Go back, reload the page and try again."].Value),
            400 => (t["Request not understood"].Value, t["The form may have expired. Go back, reload the page and try again."].Value),
            _ => (t["Something went wrong"].Value, t["The error has been logged. Try again in a moment."].Value),
        };
    }
}
