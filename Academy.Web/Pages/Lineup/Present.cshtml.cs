using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Lineup;

/// <summary>Present mode: a team's line-up in large type for the ten-minute meeting, then who attended. A manager
/// presents to their own team (direct reports); HR and administrators to any manager's team.</summary>
public sealed class PresentModel(AcademyDbContext db, ContentCatalog catalog, LineupStoriesCache stories, TimeProvider clock) : PageModel
{
    public sealed record Member(string Id, string Name, bool Attended);
    public sealed record Manager(string Id, string Name, int TeamSize);

    /// <summary>The manager whose team this is; the signed-in manager when not given.</summary>
    [BindProperty(SupportsGet = true)] public string? ManagerId { get; set; }

    public string ManagerName { get; private set; } = "";
    public LineupOfDay Lineup { get; private set; } = null!;
    public IReadOnlyList<Member> Team { get; private set; } = [];

    /// <summary>For HR who manage nobody and named no manager: the teams they may present.</summary>
    public IReadOnlyList<Manager>? Managers { get; private set; }

    /// <summary>How many attended, just after the form was saved; 0 when the day's attendance was cleared.</summary>
    public int? Saved { get; private set; }

    /// <summary>The form was sent with nobody ticked, and nobody was recorded today: nothing to save.</summary>
    public bool Nobody { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? saved, bool nobody, CancellationToken cancellationToken)
    {
        if (!await MayPresentAsync(cancellationToken)) return Forbid();
        if (ManagerId is null)
        {
            Managers = await db.Users.AsNoTracking().Where(u => u.IsActive && db.Users.Any(r => r.ManagerId == u.Id && r.IsActive)).OrderBy(u => u.FullName)
                .Select(u => new Manager(u.Id, u.FullName, db.Users.Count(r => r.ManagerId == u.Id && r.IsActive))).ToListAsync(cancellationToken);
            return Page();
        }
        if (await TeamAsync(cancellationToken) is not { Count: > 0 } team) return NotFound();
        var today = LineupOfDay.DayOf(clock.GetUtcNow());
        var attended = await db.LineupAttendances.AsNoTracking().Where(a => a.Day == today && team.Select(m => m.Id).Contains(a.EmployeeId))
            .Select(a => a.EmployeeId).ToListAsync(cancellationToken);
        Team = [.. team.Select(m => m with { Attended = attended.Contains(m.Id) })];
        var departments = await db.Users.Where(u => u.ManagerId == ManagerId && u.IsActive && u.Department != null).Select(u => u.Department!).Distinct().ToListAsync(cancellationToken);
        Lineup = await LineupOfDay.LoadAsync(stories, db, catalog.Current, today, departments, cancellationToken);
        Saved = saved;
        Nobody = nobody;
        return Page();
    }

    /// <summary>Records who attended today: exactly the ticked members of the team. A doubled submit records nobody
    /// twice (one row per employee and day); someone outside the team is never recorded.</summary>
    public async Task<IActionResult> OnPostAsync(string[] attended, CancellationToken cancellationToken)
    {
        if (!await MayPresentAsync(cancellationToken) || ManagerId is null) return Forbid();
        if (await TeamAsync(cancellationToken) is not { Count: > 0 } team) return NotFound();
        var now = clock.GetUtcNow();
        var today = LineupOfDay.DayOf(now);
        var content = catalog.Current;
        var standard = Academy.Domain.Practice.LineupRules.StandardOf(content.Lineup, [.. content.Standards.Select(s => s.Id)], today)?.StandardId ?? "";
        var ids = team.Select(m => m.Id).ToList();
        var present = attended.Intersect(ids).ToHashSet();
        var stored = await db.LineupAttendances.Where(a => a.Day == today && ids.Contains(a.EmployeeId)).ToListAsync(cancellationToken);
        // Most likely a press before ticking anyone. With people recorded, the same empty form clears the day instead.
        if (present.Count == 0 && stored.Count == 0) return RedirectToPage(new { managerId = ManagerId, nobody = true });
        db.LineupAttendances.RemoveRange(stored.Where(a => !present.Contains(a.EmployeeId)));
        db.LineupAttendances.AddRange(present.Where(id => stored.All(a => a.EmployeeId != id)).Select(id => new LineupAttendance
            { EmployeeId = id, Day = today, StandardId = standard, RecordedById = User.EmployeeId(), RecordedAt = now }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueConflict())
        {
            // The same form submitted twice at once: the first one recorded these people.
        }
        return RedirectToPage(new { managerId = ManagerId, saved = present.Count });
    }

    /// <summary>Whether the user may present <see cref="ManagerId"/>'s team: their own, or any team for HR and
    /// administrators. Without a manager named, a manager presents their own team; HR pick one (it stays null).</summary>
    private async Task<bool> MayPresentAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        if (ManagerId is null && await db.Users.AnyAsync(u => u.ManagerId == me && u.IsActive, cancellationToken)) ManagerId = me;
        return ManagerId == me || User.SeesEveryone();
    }

    /// <summary>The team presented, the manager's active direct reports by name; <c>null</c> when no such manager.</summary>
    private async Task<List<Member>?> TeamAsync(CancellationToken cancellationToken)
    {
        var manager = await db.Users.AsNoTracking().Where(u => u.Id == ManagerId).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken);
        if (manager is null) return null;
        ManagerName = manager;
        return await db.Users.AsNoTracking().Where(u => u.ManagerId == ManagerId && u.IsActive).OrderBy(u => u.FullName)
            .Select(u => new Member(u.Id, u.FullName, false)).ToListAsync(cancellationToken);
    }
}
