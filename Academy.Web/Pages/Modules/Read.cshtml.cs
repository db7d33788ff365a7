using System.Globalization;
using Academy.Domain.Content;
using Academy.Domain.Learning;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Academy.Web.Pages.Modules;

/// <summary>One lesson of a module. Opening it records that the employee read it.</summary>
public sealed class ReadModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, Jobs.CertificateIssueJob certificates) : PageModel
{
    public ModuleDocument Module { get; private set; } = null!;
    public Lesson Lesson { get; private set; } = null!;
    public bool Translated { get; private set; }
    public ModuleProgress Progress { get; private set; } = null!;
    public IReadOnlySet<int> Read { get; private set; } = new HashSet<int>();
    public IReadOnlyList<(string Id, string Title, string Language, bool Passed)> Quizzes { get; private set; } = [];

    /// <summary>The program the learner came from (<c>?from=</c> on the program page's links), when it holds this module.</summary>
    public ProgramDocument? FromProgram { get; private set; }

    /// <summary>Keeps <see cref="FromProgram"/> on the links between the module's lessons.</summary>
    public string FromQuery => FromProgram is { } program ? $"?from={Uri.EscapeDataString(program.Id)}" : "";

    public async Task<IActionResult> OnGetAsync(string id, int? lesson, string? from, CancellationToken cancellationToken)
    {
        if (catalog.Current.Module(id) is not { } published) return NotFound();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        Module = published.In(language);
        Translated = published.IsAvailableIn(language);
        if (Module.Lessons.ElementAtOrDefault((lesson ?? 1) - 1) is not { } current) return NotFound();
        Lesson = current;
        FromProgram = catalog.Current.Programs.FirstOrDefault(p => p.Id == from && p.ModuleIds.Contains(id));

        var now = clock.GetUtcNow();
        (Progress, var activity) = await LearnerProgress.RecordReadingAsync(db, User.EmployeeId(), published, current.Number, now, cancellationToken);
        // A completion made by this reading carries this request's instant; it may finish a program whose certificate is then due.
        if (activity.LastCompletion?.CompletedAt == now) await certificates.RunForModuleAsync(User.EmployeeId(), published.Id, cancellationToken);
        Read = activity.Lessons.Select(l => l.Number).ToHashSet();
        Quizzes = published.Quizzes.Select(q => (q.Id, q.In(language).Document.Title, q.In(language).Document.Language, activity.Quizzes.Any(p => p.QuizId == q.Id))).ToList();
        return Page();
    }
}
