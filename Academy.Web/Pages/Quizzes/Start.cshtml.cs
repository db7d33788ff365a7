using System.Globalization;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Quizzes;

public sealed class StartModel(AcademyDbContext db, ContentCatalog catalog, QuizAttempts attempts) : PageModel
{
    public sealed record FinishedAttempt(int Id, DateTimeOffset FinishedAt, decimal Percent, bool Passed);

    public string ModuleId { get; private set; } = "";
    public string ModuleTitle { get; private set; } = "";
    public QuizDocument Quiz { get; private set; } = null!;
    public int? OpenAttemptId { get; private set; }
    public IReadOnlyList<FinishedAttempt> History { get; private set; } = [];
    public FinishedAttempt? Best => History.OrderByDescending(a => a.Percent).FirstOrDefault();

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task<IActionResult> OnGetAsync(string moduleId, string quizId, CancellationToken cancellationToken)
    {
        if (catalog.Current.Module(moduleId) is not { } module || module.Quiz(quizId) is not { } quiz) return NotFound();
        var employeeId = User.EmployeeId();
        (ModuleId, ModuleTitle, Quiz) = (module.Id, module.In(Language).Title, quiz.In(Language).Document);
        OpenAttemptId = await attempts.OpenAttemptIdAsync(employeeId, moduleId, quizId, cancellationToken);
        History = await db.QuizAttempts.AsNoTracking()
            .Where(a => a.EmployeeId == employeeId && a.ModuleId == moduleId && a.QuizId == quizId && a.FinishedAt != null)
            .OrderByDescending(a => a.Id)
            .Select(a => new FinishedAttempt(a.Id, a.FinishedAt!.Value, a.Percent!.Value, a.Passed))
            .ToListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string moduleId, string quizId, CancellationToken cancellationToken)
    {
        if (catalog.Current.Module(moduleId) is not { } module || module.Quiz(quizId) is not { } quiz) return NotFound();
        var id = await attempts.StartOrResumeAsync(User.EmployeeId(), module, quiz, Language, cancellationToken);
        return RedirectToPage("/Quizzes/Play", new { id });
    }
}
