using System.Globalization;
using Academy.Domain.Certificates;
using Academy.Domain.Content;
using Academy.Web.Data;
using Academy.Web.Jobs;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>One employee's record behind a line of the report: each module's status as the report shows it, then the
/// assignments, completions, quiz attempts with their scores, and certificates.</summary>
public sealed class EmployeeModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock) : PageModel
{
    public sealed record AssignmentLine(ContentTitle Title, string Source, DateTimeOffset AssignedAt, DateOnly? Due, DateTimeOffset? CompletedAt);
    public sealed record CompletionLine(ContentTitle Title, DateTimeOffset CompletedAt, DateTimeOffset? ExpiresAt, decimal? Score, int Version);
    public sealed record AttemptLine(ContentTitle Title, string QuizId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, decimal? Percent, bool Passed);
    public sealed record LineupLine(DateOnly Day, ContentTitle Standard, string RecordedBy);
    public sealed record CertificateLine(string Code, string Program, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, CertificateStatus Status);

    public ReportRow Row { get; private set; } = null!;
    public IReadOnlyList<ReportModule> Modules { get; private set; } = [];
    public IReadOnlyList<AssignmentLine> Assignments { get; private set; } = [];
    public IReadOnlyList<CompletionLine> Completions { get; private set; } = [];
    public IReadOnlyList<AttemptLine> Attempts { get; private set; } = [];
    public IReadOnlyList<CertificateLine> Certificates { get; private set; } = [];

    /// <summary>Team line-ups the employee attended, as their manager recorded them: training records too.</summary>
    public IReadOnlyList<LineupLine> Lineups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await ReportScope.ForAsync(User, db, cancellationToken) is not { } scope) return Forbid();
        var now = clock.GetUtcNow();
        var content = catalog.Current;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var report = new CompletionReport(db, content, scope, new ReportFilter(), now);
        // The report's own reader, limited to this employee: the same rule and the same scope as the matrix. Someone
        // outside the reader's scope is not found, as if they did not exist.
        Modules = report.Modules(language);
        if (await report.RowAsync(Modules, id, cancellationToken) is not { } row) return NotFound();
        Row = row;

        ContentTitle Title(Academy.Domain.Assignments.ItemKind kind, string item) => NoticeText.TitleIn(content, kind, item, language);
        Assignments = (await db.Assignments.AsNoTracking().Where(a => a.EmployeeId == id && a.RemovedAt == null).OrderByDescending(a => a.AssignedAt)
            .Select(a => new { a.ItemKind, a.ItemId, a.Source, a.AssignedAt, a.DueOn, a.CompletedAt }).ToListAsync(cancellationToken))
            .Select(a => new AssignmentLine(Title(a.ItemKind, a.ItemId), a.Source.ToString(), a.AssignedAt, a.DueOn, a.CompletedAt)).ToList();
        Completions = (await db.ModuleCompletions.AsNoTracking().Where(c => c.EmployeeId == id).OrderByDescending(c => c.CompletedAt)
            .Select(c => new { c.ModuleId, c.CompletedAt, c.ExpiresAt, c.Score, c.ModuleVersion }).ToListAsync(cancellationToken))
            .Select(c => new CompletionLine(Title(Academy.Domain.Assignments.ItemKind.Module, c.ModuleId), c.CompletedAt, c.ExpiresAt, c.Score, c.ModuleVersion)).ToList();
        Attempts = (await db.QuizAttempts.AsNoTracking().Where(a => a.EmployeeId == id).OrderByDescending(a => a.StartedAt)
            .Select(a => new { a.ModuleId, a.QuizId, a.StartedAt, a.FinishedAt, a.Percent, a.Passed }).ToListAsync(cancellationToken))
            .Select(a => new AttemptLine(Title(Academy.Domain.Assignments.ItemKind.Module, a.ModuleId), a.QuizId, a.StartedAt, a.FinishedAt, a.Percent, a.Passed)).ToList();
        Certificates = (await db.Certificates.AsNoTracking().Where(c => c.HolderId == id).OrderByDescending(c => c.IssuedAt).ToListAsync(cancellationToken))
            .Select(c => new CertificateLine(c.Code, c.ProgramTitle, c.IssuedAt, c.ExpiresAt, c.StatusAt(now))).ToList();
        Lineups = (await db.LineupAttendances.AsNoTracking().Where(a => a.EmployeeId == id).OrderByDescending(a => a.Day)
            .Select(a => new { a.Day, a.StandardId, By = db.Users.Where(u => u.Id == a.RecordedById).Select(u => u.FullName).FirstOrDefault() }).ToListAsync(cancellationToken))
            .Select(a => new LineupLine(a.Day, content.Standards.FirstOrDefault(s => s.Id == a.StandardId) is { } standard
                ? ContentTitle.Of(standard, language)
                : new ContentTitle(a.StandardId, ContentParser.DefaultLanguage), a.By ?? "")).ToList();
        return Page();
    }
}
