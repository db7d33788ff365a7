using System.Globalization;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Assignments;

/// <summary>Open assignments past their due date, filtered by department, manager and item, with "nudge all".</summary>
public sealed class OverdueModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    public sealed record Row(long Id, string Name, string? Department, string? Manager, ContentTitle Title, DateOnly Due);

    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(SupportsGet = true)] public string? ManagerId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Item { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<string> Departments { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Managers { get; private set; } = [];

    /// <summary>Every program and module, as the filter's choices: <c>program:id</c> or <c>module:id</c> and its title.</summary>
    public IReadOnlyList<(string Value, string Title)> Items { get; private set; } = [];
    public int? Nudged { get; private set; }

    public async Task OnGetAsync(int? nudged, CancellationToken cancellationToken)
    {
        Nudged = nudged;
        Departments = await db.Users.AsNoTracking().Where(u => u.Department != null).Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        Managers = (await db.Users.AsNoTracking().Where(u => db.Users.Any(r => r.ManagerId == u.Id)).OrderBy(u => u.FullName).Select(u => new { u.Id, u.FullName }).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.FullName)).ToList();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var content = catalog.Current;
        Items = [.. content.Programs.Select(p => ($"program:{p.Id}", p.Title)),
            .. content.Modules.Values.Select(m => ($"module:{m.Id}", m.In(language).Title)).OrderBy(m => m.Item2, StringComparer.CurrentCulture)];
        Rows = (await Query().Take(1000).ToListAsync(cancellationToken))
            .Select(r => new Row(r.Id, r.Name, r.Department, r.Manager, NoticeText.TitleIn(catalog.Current, r.ItemKind, r.ItemId, language), r.Due)).ToList();
    }

    public async Task<IActionResult> OnPostNudgeAllAsync(CancellationToken cancellationToken)
    {
        var ids = await Query().Select(r => r.Id).ToListAsync(cancellationToken);
        var count = await Nudges.SendAsync(db, ids, clock.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RedirectToPage(new { Department, ManagerId, Item, nudged = count });
    }

    private sealed record Found(long Id, string Name, string? Department, string? Manager, Academy.Domain.Assignments.ItemKind ItemKind, string ItemId, DateOnly Due);

    private IQueryable<Found> Query()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (kind, id) = Item is { } item && new AudienceForm { Item = item }.ParsedItem is { } parsed ? parsed : (default, (string?)null);
        return from a in db.Assignments.AsNoTracking()
               join u in db.Users on a.EmployeeId equals u.Id
               where a.CompletedAt == null && a.RemovedAt == null && a.DueOn < today && u.IsActive
                     && (Department == null || u.Department == Department) && (ManagerId == null || u.ManagerId == ManagerId)
                     && (id == null || (a.ItemKind == kind && a.ItemId == id))
               orderby a.DueOn, u.FullName
               select new Found(a.Id, u.FullName, u.Department, u.Manager == null ? null : u.Manager.FullName, a.ItemKind, a.ItemId, a.DueOn!.Value);
    }
}
