using System.Globalization;
using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Domain.Practice;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Passport;

/// <summary>One standard for HR (everyone) and managers (their reports, direct and indirect, as on the heat map): who
/// is not yet current on it, and why.</summary>
public sealed class StandardModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    public sealed record ModuleColumn(string Id, string Title);
    public sealed record PersonRow(string EmployeeId, string Name, string? Department, IReadOnlyList<(PassportStatus Status, DateTimeOffset? ValidUntil)> Modules);

    public Standard Standard { get; private set; } = null!;
    public string? Frame { get; private set; }
    public IReadOnlyList<ModuleColumn> Modules { get; private set; } = [];
    public IReadOnlyList<PersonRow> NotCurrent { get; private set; } = [];
    public int PeopleCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var isHr = User.Allows(Policies.HR);
        // HR sees everyone; a manager, the people under them at any depth (the heat map's count); anyone else, nothing.
        var people = db.People(me, isHr);
        if (!isHr && !await people.AnyAsync(cancellationToken)) return Forbid();
        var content = catalog.Current;
        if (content.Standards.FirstOrDefault(s => s.Id == id) is not { } standard) return NotFound();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        (Standard, Frame) = (standard, standard.FrameIn(language));
        var modules = StandardsCurrency.ModulesTeaching(content, id).OrderBy(m => m.In(language).Title).ToList();
        Modules = [.. modules.Select(m => new ModuleColumn(m.Id, m.In(language).Title))];
        var moduleIds = modules.Select(m => m.Id).ToList();

        var employees = await people.OrderBy(u => u.FullName).Select(u => new { u.Id, u.FullName, u.Department }).ToListAsync(cancellationToken);
        var completions = await db.ModuleCompletions.AsNoTracking()
            .Where(c => moduleIds.Contains(c.ModuleId) && people.Any(u => u.Id == c.EmployeeId))
            .Select(c => new { c.EmployeeId, c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt }).ToListAsync(cancellationToken);
        var latest = completions.GroupBy(c => (c.EmployeeId, c.ModuleId))
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.Sequence) is var c ? new Completion(c!.CompletedAt, c.ExpiresAt) : default);
        // Who started which module, so that the page says "In progress" where their passport does.
        var started = (await db.LessonViews.AsNoTracking()
                .Where(v => moduleIds.Contains(v.ModuleId) && people.Any(u => u.Id == v.EmployeeId)).Select(v => new { v.EmployeeId, v.ModuleId })
                .Union(db.QuizAttempts.AsNoTracking().Where(a => a.FinishedAt != null && moduleIds.Contains(a.ModuleId) && people.Any(u => u.Id == a.EmployeeId))
                    .Select(a => new { a.EmployeeId, a.ModuleId }))
                .ToListAsync(cancellationToken))
            .Select(s => (s.EmployeeId, s.ModuleId)).ToHashSet();
        var now = clock.GetUtcNow();
        PeopleCount = employees.Count;
        NotCurrent = [.. employees
            .Select(e => new PersonRow(e.Id, e.FullName, e.Department, [.. modules.Select(m => latest.TryGetValue((e.Id, m.Id), out var done)
                ? (PassportRules.StatusOf(m.Default, done, started: true, now), done.ExpiresAt)
                : (PassportRules.StatusOf(m.Default, (Completion?)null, started.Contains((e.Id, m.Id)), now), (DateTimeOffset?)null))]))
            .Where(p => !PassportRules.IsCurrent([.. p.Modules.Select(m => m.Status)]))];
        return Page();
    }
}
