using System.Globalization;
using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages.Modules;

/// <summary>One lesson of a module. Opening it only shows it: the lesson's own Next or Finish button records that the
/// employee read it (a POST), so that no image, prefetch or link elsewhere can read lessons for someone.</summary>
public sealed class ReadModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IBackgroundJobClient jobs) : PageModel
{
    public ModuleDocument Module { get; private set; } = null!;
    public Lesson Lesson { get; private set; } = null!;
    public bool Translated { get; private set; }
    public ModuleProgress Progress { get; private set; } = null!;
    public IReadOnlySet<int> Read { get; private set; } = new HashSet<int>();
    public IReadOnlyList<(string Id, string Title, string Language, bool Passed)> Quizzes { get; private set; } = [];

    /// <summary>The program the learner came from (<c>?from=</c> on the program page's links), when it holds this module.</summary>
    public ProgramDocument? FromProgram { get; private set; }

    public bool IsLast => Lesson.Number == Module.Lessons.Count;

    public async Task<IActionResult> OnGetAsync(string id, int? lesson, string? from, CancellationToken cancellationToken)
    {
        if (catalog.Current.Module(id) is not { } published) return NotFound();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Module = published.In(language);
        Translated = published.IsAvailableIn(language);
        if (Module.Lessons.ElementAtOrDefault((lesson ?? 1) - 1) is not { } current) return NotFound();
        Lesson = current;
        FromProgram = catalog.Current.Programs.FirstOrDefault(p => p.Id == from && p.ModuleIds.Contains(id));

        var activity = await LearnerProgress.ForModuleAsync(db, User.EmployeeId(), published.Id, cancellationToken);
        Progress = ModuleProgress.Of(published.Default, published.QuizIds, activity, clock.GetUtcNow());
        Read = activity.Lessons.Select(l => l.Number).ToHashSet();
        Quizzes = published.Quizzes.Select(q => (q.Id, q.In(language).Document.Title, q.In(language).Document.Language, activity.Quizzes.Any(p => p.QuizId == q.Id))).ToList();
        return Page();
    }

    /// <summary>Next or Finish: records the lesson as read, then opens the next lesson; after the last one, the module's
    /// first quiz, or the module when it has none.</summary>
    public async Task<IActionResult> OnPostReadAsync(string id, int? lesson, string? from, CancellationToken cancellationToken)
    {
        if (catalog.Current.Module(id) is not { } published) return NotFound();
        var number = lesson ?? 1;
        if (number < 1 || number > published.Default.Lessons.Count) return NotFound();

        var now = clock.GetUtcNow();
        var activity = await LearnerProgress.RecordReadingAsync(db, User.EmployeeId(), published, number, now, cancellationToken);
        // A completion made by this reading carries this request's instant; it may finish a program whose certificate is
        // then due, which a job issues (the reading is committed by now).
        if (activity.LastCompletion?.CompletedAt == now) Jobs.CertificateIssueJob.Enqueue(jobs, User.EmployeeId(), published.Id);

        if (number < published.Default.Lessons.Count) return RedirectToPage("/Modules/Read", new { id, lesson = number + 1, from });
        return published.Quizzes.Count > 0
            ? RedirectToPage("/Quizzes/Start", new { moduleId = id, quizId = published.Quizzes[0].Id })
            : RedirectToPage("/Modules/Read", new { id, lesson = 1, from });
    }
}
