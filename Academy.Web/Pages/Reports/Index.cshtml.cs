using System.Globalization;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Reports;

/// <summary>The completion report: employees × modules with each cell's status and date, a page of employees at a time,
/// filtered by a GET form; exports of the same filter as CSV or XLSX.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>At most about this many cells on a page. A page costs its cells (50 employees × 100 modules, 5,000
    /// cells, were most of the first screen's second at 50,000 employees), so many columns mean fewer employees a page.</summary>
    public const int PageCells = 1000;

    /// <summary>Employees on a page of this report: 50, fewer when the columns are many (10 at 100 modules).</summary>
    public int PageSize { get; private set; } = 50;

    /// <summary>The manager filter as typed: part of a name, resolved here into <see cref="ReportFilter.ManagerId"/>.</summary>
    [BindProperty(SupportsGet = true)] public string? Manager { get; set; }

    /// <summary>The managers a name matched when it matched several: the page offers each as a link.</summary>
    public IReadOnlyList<(string Id, string Name)> ManagerMatches { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public ReportFilter Filter { get; set; } = new();

    /// <summary>The last employee of the previous page (keyset paging: any page costs the same as the first).</summary>
    [BindProperty(SupportsGet = true)] public string? After { get; set; }

    public ReportChoices Choices { get; private set; } = ReportChoices.None;
    public IReadOnlyList<ReportModule> Modules { get; private set; } = [];

    /// <summary>The program view's columns (empty in the module view).</summary>
    public IReadOnlyList<ReportProgram> Programs { get; private set; } = [];
    public IReadOnlyList<ReportRow> Rows { get; private set; } = [];
    public int EmployeeCount { get; private set; }
    public string? NextAfter { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReportScope.ForAsync(User, db, cancellationToken) is not { } scope) return Forbid();
        Choices = await ReportChoices.LoadAsync(db, catalog.Current, scope, Language, cancellationToken);
        await ResolveManagerAsync(scope, cancellationToken);
        if (!ModelState.IsValid) return Page();
        var report = new CompletionReport(db, catalog.Current, scope, Filter, clock.GetUtcNow());
        Func<ReportRow, TrainingStatus, bool>? hasStatus = null;
        if (Filter.ByProgram)
        {
            (Modules, Programs) = report.ProgramColumns(Language);
            hasStatus = (row, status) => Programs.Any(p => p.CellOf(row).Status == status);
        }
        else Modules = report.Modules(Language);
        EmployeeCount = await report.Employees().CountAsync(cancellationToken);
        PageSize = Math.Clamp(PageCells / Math.Max(1, Filter.ByProgram ? Programs.Count : Modules.Count), 10, 50);
        var rows = new List<ReportRow>();
        await foreach (var row in report.RowsAsync(Modules, After, PageSize + 1, cancellationToken, hasStatus))
        {
            rows.Add(row);
            if (rows.Count > PageSize) break;
        }
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextAfter = rows[^1].Id;
        }
        Rows = rows;
        return Page();
    }

    /// <summary>A typed name becomes the filter's manager when it names one; otherwise the form says why. With no name
    /// typed, a manager given by id (a link, a paging link) shows by name in the field.</summary>
    private async Task ResolveManagerAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Manager))
        {
            if (!string.IsNullOrEmpty(Filter.ManagerId)) Manager = await ReportChoices.ManagerNameAsync(db, scope, Filter.ManagerId, cancellationToken);
            return;
        }
        var matches = await ReportChoices.ManagersAsync(db, scope, Manager, cancellationToken);
        if (matches is [var only]) Filter.ManagerId = only.Id;
        else if (matches.Count == 0) ModelState.AddModelError(nameof(Manager), "No manager's name contains the text given.");
        else
        {
            ManagerMatches = matches.Take(10).ToList();
            ModelState.AddModelError(nameof(Manager), matches.Count > 10
                ? "Many managers' names contain the text given: type more of the name."
                : "Several managers' names contain the text given: choose one.");
        }
    }

    /// <summary>A POST, not a link: each export is written to the audit list, and a GET never writes.</summary>
    public async Task<IActionResult> OnPostExportAsync(string format, CancellationToken cancellationToken)
    {
        if (await ReportScope.ForAsync(User, db, cancellationToken) is not { } scope) return Forbid();
        if (format is not ("csv" or "xlsx") || !ModelState.IsValid) return BadRequest();
        var now = clock.GetUtcNow();
        var report = new CompletionReport(db, catalog.Current, scope, Filter, now);

        // Saved before the file is written, so an export cut short is on the audit list too (with no row count); the
        // count is set when the last row has gone. Two writes, on purpose: the audit must not depend on the download.
        var record = new ExportRecord
        {
            EmployeeId = User.EmployeeId(), EmployeeName = User.Get(AcademyClaims.FullName) ?? "", At = now, Format = format, Filter = Filter.ToQueryString(),
        };
        db.ReportExports.Add(record);
        await db.SaveChangesAsync(cancellationToken);

        Response.ContentType = ReportExport.ContentType(format);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{ReportExport.FileName(format, now)}\"";
        var count = await ReportExport.WriteReportAsync(Response.Body, format, report, t, cancellationToken);
        await db.ReportExports.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Rows, count), CancellationToken.None);
        return new EmptyResult();
    }

    /// <summary>A status's text, looked up once per request (the first screen has 5,000 cells at 100 modules).</summary>
    public string Status(TrainingStatus status) => (_statuses ??= Enum.GetValues<TrainingStatus>().ToDictionary(s => s, s => (string)t[ReportText.Of(s)]))[status];

    private Dictionary<TrainingStatus, string>? _statuses;

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}
