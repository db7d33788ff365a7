using Academy.Domain.Quizzes;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Quizzes;

/// <summary>One step of an attempt at a time: the question, then the feedback on the answer, and at the end
/// the score and a review of every decision.</summary>
public sealed class PlayModel(QuizAttempts attempts, IStringLocalizer<SharedResource> t) : PageModel
{
    public AttemptView View { get; private set; } = null!;

    /// <summary>The step whose feedback is shown, right after it was answered.</summary>
    public QuizStep? AnsweredStep { get; private set; }

    [TempData] public string? Problem { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, string? after, CancellationToken cancellationToken)
    {
        if (await attempts.LoadAsync(id, User.EmployeeId(), cancellationToken) is not { } view) return NotFound();
        View = view;
        AnsweredStep = after is not null && view.Record(after) is not null ? view.Quiz.Step(after) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string stepId, int[] picks, CancellationToken cancellationToken)
    {
        if (await attempts.LoadAsync(id, User.EmployeeId(), cancellationToken) is not { } view) return NotFound();
        var check = await attempts.AnswerAsync(view, new Answer(stepId, picks), cancellationToken);
        if (check == AnswerCheck.Accepted) return RedirectToPage("/Quizzes/Play", new { id, after = stepId });
        Problem = check switch
        {
            AnswerCheck.NoChoice => t["Pick an answer before you go on."],
            AnswerCheck.OneChoiceOnly => t["This question takes one answer only."],
            AnswerCheck.Finished => t["This attempt is finished: here is its review."],
            AnswerCheck.NotReached => t["That answer was for another step: here is where your attempt stands."],
            _ => t["That answer is not one of the choices: pick again."],
        };
        return RedirectToPage("/Quizzes/Play", new { id });
    }
}
