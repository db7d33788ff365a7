using System.Globalization;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Review;

/// <summary>Spaced review: the questions and scenario steps the learner answered before, due today, one at a time,
/// answered in place with feedback.</summary>
public sealed class IndexModel(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    private const int Shown = 50;

    public IReadOnlyList<DueItem> Due { get; private set; } = [];

    /// <summary>The review just answered, shown with its feedback.</summary>
    public Feedback? Answered { get; private set; }

    [TempData] public string? Problem { get; set; }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task OnGetAsync(int? answered, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var content = catalog.Current;
        Due = await ReviewItems.DueTodayAsync(db, content, me, Language, clock.GetUtcNow(), Shown, cancellationToken);
        if (answered is null) return;
        var item = await db.ReviewItems.AsNoTracking().Where(i => i.Id == answered && i.EmployeeId == me)
            .Select(i => new { i.ModuleId, i.QuizId, i.StepId, i.Due, Log = db.ReviewLogs.Where(l => l.ReviewItemId == i.Id).OrderByDescending(l => l.Sequence).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (item?.Log is { } log && ReviewItems.StepOf(content, item.ModuleId, item.QuizId, item.StepId, Language) is { } shown)
            Answered = new Feedback(shown.Quiz, shown.Step, log.ChoiceNumbers, item.Due);
    }

    public async Task<IActionResult> OnPostAsync(int itemId, int reps, int[] picks, CancellationToken cancellationToken)
    {
        var result = await ReviewItems.AnswerAsync(db, catalog.Current, User.EmployeeId(), itemId, reps, picks, clock.GetUtcNow(), cancellationToken);
        if (result == ReviewAnswer.Accepted) return RedirectToPage("/Review/Index", new { answered = itemId });
        Problem = result switch
        {
            ReviewAnswer.NoChoice => t["Pick an answer before you go on."],
            ReviewAnswer.InvalidChoice => t["That answer is not one of the choices: pick again."],
            _ => t["This question is no longer in review: here is what is due."],
        };
        return RedirectToPage("/Review/Index");
    }

    /// <summary>What the learner picked on the step just reviewed, and when it comes back.</summary>
    public sealed record Feedback(QuizDocument Quiz, QuizStep Step, IReadOnlyList<int> Picked, DateTimeOffset NextDue);
}
