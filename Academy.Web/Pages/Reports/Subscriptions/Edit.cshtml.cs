using System.ComponentModel.DataAnnotations;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Reports.Subscriptions;

/// <summary>Schedules the completion report as filtered (the filter comes in the query string from the Reports page), or
/// edits a schedule; the filter of a saved schedule stays as it was made.</summary>
public sealed class EditModel(AcademyDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public ReportFilter Filter { get; set; } = new();
    [BindProperty] public InputModel Input { get; set; } = new();
    public int? Id { get; private set; }

    public sealed class InputModel
    {
        public string? Recipients { get; set; }
        public ReportFrequency Frequency { get; set; } = ReportFrequency.Weekly;
        public DayOfWeek DayOfWeek { get; set; } = DayOfWeek.Monday;

        [Range(1, 31, ErrorMessage = "Choose a day of the month from 1 to 31.")]
        public int DayOfMonth { get; set; } = 1;

        [RegularExpression("csv|xlsx", ErrorMessage = "Choose CSV or XLSX.")]
        public string Format { get; set; } = "xlsx";
        public bool SkipEmpty { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            Input.Recipients = User.Identity?.Name ?? "";
            return Page();
        }
        if (await FindAsync(id.Value, cancellationToken) is not { } subscription) return NotFound();
        Id = id;
        Filter = ReportFilter.FromQueryString(subscription.Filter);
        Input = new InputModel
        {
            Recipients = subscription.Recipients, Frequency = subscription.Frequency, Format = subscription.Format, SkipEmpty = subscription.SkipEmpty,
            DayOfWeek = subscription.Frequency == ReportFrequency.Weekly ? (DayOfWeek)subscription.Day : DayOfWeek.Monday,
            DayOfMonth = subscription.Frequency == ReportFrequency.Monthly ? subscription.Day : 1,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        var subscription = id is null ? null : await FindAsync(id.Value, cancellationToken);
        if (id is not null && subscription is null) return NotFound();
        Id = id;
        if (subscription is not null) Filter = ReportFilter.FromQueryString(subscription.Filter);
        var recipients = RecipientList.Parse(Input.Recipients);
        foreach (var bad in recipients.Invalid)
            ModelState.AddModelError("Input.Recipients", t["“{0}” is not an email address.", bad]);
        if (recipients.Invalid.Count == 0 && recipients.Addresses.Count == 0)
            ModelState.AddModelError("Input.Recipients", t["Enter at least one email address."]);
        if (recipients.Addresses.Count > RecipientList.MaxAddresses)
            ModelState.AddModelError("Input.Recipients", t["Enter at most {0} addresses.", RecipientList.MaxAddresses]);
        if (!Enum.IsDefined(Input.Frequency) || !Enum.IsDefined(Input.DayOfWeek))
            ModelState.AddModelError("Input.Frequency", t["Choose weekly or monthly."]);
        if (!ModelState.IsValid) return Page();

        if (subscription is null)
        {
            subscription = new ReportSubscription { OwnerId = User.EmployeeId(), Filter = Filter.ToQueryString(), CreatedAt = clock.GetUtcNow() };
            db.ReportSubscriptions.Add(subscription);
        }
        subscription.Recipients = string.Join('\n', recipients.Addresses);
        subscription.Frequency = Input.Frequency;
        subscription.Day = Input.Frequency == ReportFrequency.Weekly ? (int)Input.DayOfWeek : Input.DayOfMonth;
        subscription.Format = Input.Format;
        subscription.SkipEmpty = Input.SkipEmpty;
        await db.SaveChangesAsync(cancellationToken);
        TempData[nameof(IndexModel.Message)] = id is null ? "The report is scheduled." : "The scheduled report is saved.";
        return RedirectToPage("/Reports/Subscriptions/Index");
    }

    /// <summary>The messages of one field, translated (data annotations' messages are English keys).</summary>
    public IEnumerable<string> Errors(string key) =>
        ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => (string)t[e.ErrorMessage]) : [];

    /// <summary>A filter that does not parse (a hand-edited address): said once, above the form.</summary>
    public IEnumerable<string> FilterErrors() => ModelState.Where(e => e.Key.StartsWith("Filter", StringComparison.Ordinal))
        .SelectMany(e => e.Value!.Errors).Select(e => (string)t[string.IsNullOrEmpty(e.ErrorMessage) ? "A filter value is not valid." : e.ErrorMessage]);

    /// <summary>HR and administrators edit any subscription; a manager only their own.</summary>
    private async Task<ReportSubscription?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var everyone = User.SeesEveryone();
        return await db.ReportSubscriptions.SingleOrDefaultAsync(s => s.Id == id && (everyone || s.OwnerId == me), cancellationToken);
    }
}
