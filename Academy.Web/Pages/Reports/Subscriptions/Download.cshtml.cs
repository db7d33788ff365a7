using Academy.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Reports.Subscriptions;

/// <summary>Where a scheduled report's link leads, with or without an account. Opening the link (a GET, which mail
/// scanners follow too) only says what it holds; the button posts, and the file is then written from the database as
/// the rows are read, with the subscriber's scope of today. Each download goes on the export audit list.</summary>
public sealed class DownloadModel(AcademyDbContext db, ContentCatalog catalog, ReportLinks links, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public ReportLinks.Reading Reading { get; private set; } = new ReportLinks.Invalid();
    public string Format { get; private set; } = "";
    public string Owner { get; private set; } = "";
    public bool Gone { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await CheckAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await CheckAsync(cancellationToken) is not { } subscription) return Page();
        var scope = await ScheduledReport.OwnerScopeAsync(db, subscription.OwnerId, cancellationToken);
        if (scope is null)
        {
            Gone = true;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }
        var now = clock.GetUtcNow();
        // The link's holder acts for the subscriber: the audit names them, and says it went through a link.
        var record = new ExportRecord
        {
            EmployeeId = subscription.OwnerId, EmployeeName = $"{Owner} ({t["scheduled report link"]})", At = now, Format = subscription.Format, Filter = subscription.Filter,
        };
        db.ReportExports.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        Response.ContentType = ReportExport.ContentType(subscription.Format);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{ReportExport.FileName(subscription.Format, now)}\"";
        var report = new CompletionReport(db, catalog.Current, scope, ReportFilter.FromQueryString(subscription.Filter), now);
        var count = await ReportExport.WriteReportAsync(Response.Body, subscription.Format, report, t, cancellationToken);
        await db.ReportExports.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Rows, count), CancellationToken.None);
        return new EmptyResult();
    }

    /// <summary>The subscription the link names, or null with the page's reason and status (400 not valid, 410 expired or
    /// deleted).</summary>
    private async Task<ReportSubscription?> CheckAsync(CancellationToken cancellationToken)
    {
        Reading = links.Read(Token);
        if (Reading is not ReportLinks.Valid valid)
        {
            Response.StatusCode = Reading is ReportLinks.Expired ? StatusCodes.Status410Gone : StatusCodes.Status400BadRequest;
            return null;
        }
        var subscription = await db.ReportSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == valid.SubscriptionId, cancellationToken);
        if (subscription is null)
        {
            Gone = true;
            Response.StatusCode = StatusCodes.Status410Gone;
            return null;
        }
        Format = subscription.Format;
        Owner = await db.Users.Where(u => u.Id == subscription.OwnerId).Select(u => u.FullName).SingleAsync(cancellationToken);
        return subscription;
    }
}
