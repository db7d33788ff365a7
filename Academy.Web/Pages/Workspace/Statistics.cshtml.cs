using Academy.Domain.Content;
using Academy.Domain.Quizzes;
using Academy.Domain.Statistics;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Workspace;

/// <summary>Item statistics of one quiz version. Attempts are pinned to the version they were played on, so each
/// version has its own figures: a rewritten question starts afresh rather than mixing with its old wording.</summary>
public sealed class StatisticsModel(AcademyDbContext db, ContentCatalog catalog) : PageModel
{
    public sealed record VersionLink(int Id, int Number, DateTimeOffset CreatedAt, int Attempts);

    public int VersionId { get; private set; }
    public int Number { get; private set; }
    public string Path { get; private set; } = "";
    public string Language { get; private set; } = "";
    public int? PublishedNumber { get; private set; }
    public QuizDocument Quiz { get; private set; } = null!;
    public QuizStatistics Statistics { get; private set; } = null!;
    public IReadOnlyList<VersionLink> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int versionId, CancellationToken cancellationToken)
    {
        var version = await db.ContentVersions.AsNoTracking()
            .Where(v => v.Id == versionId && v.ContentFile!.Kind == ContentKind.Quiz)
            .Select(v => new { v.Number, v.ContentFileId, v.ContentFile!.Path, v.ContentFile.Language, v.ContentFile.PublishedNumber })
            .SingleOrDefaultAsync(cancellationToken);
        if (version is null) return NotFound();
        (VersionId, Number, Path, Language, PublishedNumber) = (versionId, version.Number, version.Path, version.Language, version.PublishedNumber);

        Versions = await db.ContentVersions.AsNoTracking()
            .Where(v => v.ContentFileId == version.ContentFileId)
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionLink(v.Id, v.Number, v.CreatedAt, db.QuizAttempts.Count(a => a.ContentVersionId == v.Id)))
            .ToListAsync(cancellationToken);
        Quiz = await catalog.QuizVersionAsync(db, versionId, cancellationToken);

        // What was played, never who played it: the employee is not even read from the database. The path of each
        // attempt is replayed in memory (drop-outs need it), so the answers are loaded rather than grouped in SQL.
        var attempts = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.ContentVersionId == versionId)
            .Select(a => new
            {
                a.Seed,
                Finished = a.FinishedAt != null,
                a.Percent,
                a.Passed,
                Answers = a.Answers.OrderBy(x => x.Sequence).Select(x => new QuizAnswer { StepId = x.StepId, Choices = x.Choices }).ToList(),
            })
            .ToListAsync(cancellationToken);
        Statistics = QuizStatistics.Compute(Quiz, attempts
            .Select(a => new PlayedAttempt(a.Seed, a.Finished, a.Percent, a.Passed, a.Answers.Select(x => new Answer(x.StepId, x.ChoiceNumbers)).ToList()))
            .ToList());
        return Page();
    }
}
