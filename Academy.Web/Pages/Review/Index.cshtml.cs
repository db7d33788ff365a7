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
    public ReviewFeedback? Answered { get; private set; }

    [TempData] public string? Problem { get; set; }

    private static string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    public async Task OnGetAsync(int? answered, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var content = catalog.Current;
        Due = await ReviewItems.DueTodayAsync(db, content, me, Language, clock.GetUtcNow(), Shown, cancellationToken);
        if (answered is { } itemId) Answered = await ReviewItems.FeedbackAsync(db, content, me, itemId, Language, cancellationToken);
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
}
