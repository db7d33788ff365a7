using System.Globalization;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Academy.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Notifications;

public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(long Id, string Text, string Path, DateTimeOffset CreatedAt, bool Unread);

    public IReadOnlyList<Row> Notices { get; private set; } = [];
    public bool DigestOptOut { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        DigestOptOut = await db.Users.Where(u => u.Id == me).Select(u => u.DigestOptOut).SingleAsync(cancellationToken);
        var notices = await db.Notifications.AsNoTracking().Where(n => n.EmployeeId == me).OrderByDescending(n => n.Id).Take(100).ToListAsync(cancellationToken);
        var aboutIds = notices.Where(n => n.AboutEmployeeId != null).Select(n => n.AboutEmployeeId!).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => aboutIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, cancellationToken);
        Notices = notices.Select(n => new Row(n.Id,
            NoticeText.Of(n.Kind, NoticeText.Title(catalog.Current, n.ItemKind, n.ItemId, language), n.DueOn, n.AboutEmployeeId is { } about ? names.GetValueOrDefault(about) : null, t),
            NoticeText.Path(n), n.CreatedAt, n.ReadAt is null)).ToList();
    }

    /// <summary>Marks one notice read, or all of them when no id is posted.</summary>
    public async Task<IActionResult> OnPostReadAsync(long? id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.EmployeeId == me && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDigestAsync(bool send, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        await db.Users.Where(u => u.Id == me).ExecuteUpdateAsync(s => s.SetProperty(u => u.DigestOptOut, !send), cancellationToken);
        return RedirectToPage();
    }
}
