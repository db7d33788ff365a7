using System.Globalization;
using Academy.Domain.Content;
using Academy.Domain.Practice;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Passport;

/// <summary>An employee's standards passport: every standard, the modules that teach it and where the employee stands
/// on each, their latest quiz results, and the frame they may act in. Their own; HR and their manager may open anyone's.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    public sealed record QuizResult(string Title, decimal Percent, bool Passed, DateTimeOffset At);
    public sealed record ModuleRow(string Id, string Title, PassportStatus Status, DateTimeOffset? ValidUntil, IReadOnlyList<QuizResult> Quizzes);
    /// <param name="LastLineup">The last team line-up on this standard the employee attended; <c>null</c> when none.</param>
    public sealed record StandardRow(Standard Standard, string? Frame, bool Current, IReadOnlyList<ModuleRow> Modules, DateOnly? LastLineup = null);

    public string EmployeeName { get; private set; } = "";
    public bool IsOwn { get; private set; }

    /// <summary>HR and managers may open a standard's page of who is not yet current.</summary>
    public bool MaySeeStandards { get; private set; }
    public IReadOnlyList<StandardRow> Standards { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? employeeId, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var id = employeeId ?? me;
        var employee = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.FullName, u.ManagerId }).SingleOrDefaultAsync(cancellationToken);
        var isHr = User.Allows(Policies.HR);
        if (id != me && !isHr && employee?.ManagerId != me) return Forbid();
        if (employee is null) return NotFound();
        (EmployeeName, IsOwn) = (employee.FullName, id == me);
        MaySeeStandards = isHr || await db.Users.AnyAsync(u => u.ManagerId == me && u.IsActive, cancellationToken);

        var content = catalog.Current;
        var now = clock.GetUtcNow();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var progress = await LearnerProgress.ForEmployeeAsync(db, id, content, now, cancellationToken);
        var attempts = await db.QuizAttempts.AsNoTracking().Where(a => a.EmployeeId == id && a.FinishedAt != null)
            .Select(a => new { a.ModuleId, a.QuizId, FinishedAt = a.FinishedAt!.Value, a.Percent, a.Passed }).ToListAsync(cancellationToken);
        var lineups = (await db.LineupAttendances.AsNoTracking().Where(a => a.EmployeeId == id).GroupBy(a => a.StandardId)
            .Select(g => new { g.Key, Last = g.Max(a => a.Day) }).ToListAsync(cancellationToken)).ToDictionary(g => g.Key, g => g.Last);
        var latest = attempts.GroupBy(a => (a.ModuleId, a.QuizId)).ToDictionary(g => g.Key, g => g.MaxBy(a => a.FinishedAt)!);

        Standards = [.. content.Standards.Select(standard =>
        {
            var modules = StandardsCurrency.ModulesTeaching(content, standard.Id).OrderBy(m => m.In(language).Title)
                .Select(m => new ModuleRow(m.Id, m.In(language).Title, PassportRules.StatusOf(m.Default, progress[m.Id], attempts.Any(a => a.ModuleId == m.Id), now), progress[m.Id].ValidUntil,
                    [.. m.Quizzes.Where(q => latest.ContainsKey((m.Id, q.Id))).Select(q => (Quiz: q, Attempt: latest[(m.Id, q.Id)]))
                        .Select(x => new QuizResult(x.Quiz.In(language).Document.Title, x.Attempt.Percent ?? 0, x.Attempt.Passed, x.Attempt.FinishedAt))]))
                .ToList();
            return new StandardRow(standard, standard.FrameIn(language), PassportRules.IsCurrent([.. modules.Select(m => m.Status)]), modules,
                lineups.TryGetValue(standard.Id, out var last) ? last : null);
        })];
        return Page();
    }
}
