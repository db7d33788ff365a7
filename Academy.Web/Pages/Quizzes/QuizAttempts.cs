using Academy.Domain.Learning;
using Academy.Domain.Quizzes;
using Academy.Web.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Quizzes;

/// <summary>An attempt with everything needed to show it: the quiz version it is pinned to, its fixed order,
/// the answers so far and where they lead.</summary>
public sealed record AttemptView(QuizAttempt Attempt, QuizDocument Quiz, QuizOrder Order, IReadOnlyList<Answer> Answers, PathState Path)
{
    public QuizAnswer? Record(string stepId) => Attempt.Answers.FirstOrDefault(a => a.StepId == stepId);
}

/// <summary>Starts, loads and answers attempts for the quiz pages. The rules (path, scoring) are the domain's;
/// this class stores their outcome, once per step whatever the number of submissions.</summary>
public sealed class QuizAttempts(AcademyDbContext db, ContentCatalog catalog, TimeProvider clock, IBackgroundJobClient jobs)
{
    /// <summary>The employee's unfinished attempt at the quiz, or a new one on the version published now in their language.</summary>
    public async Task<int> StartOrResumeAsync(string employeeId, PublishedModule module, PublishedQuiz quiz, string language, CancellationToken cancellationToken)
    {
        if (await OpenAttemptIdAsync(employeeId, module.Id, quiz.Id, cancellationToken) is { } open) return open;
        var attempt = new QuizAttempt
        {
            EmployeeId = employeeId, ModuleId = module.Id, QuizId = quiz.Id, ContentVersionId = quiz.In(language).VersionId,
            Seed = Random.Shared.Next(), StartedAt = clock.GetUtcNow(),
        };
        db.QuizAttempts.Add(attempt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return attempt.Id;
        }
        catch (DbUpdateException e) when (e.IsUniqueConflict())
        {
            // A second "Start" raced this one; the unique open-attempt index kept one, which both now resume.
            db.ChangeTracker.Clear();
            return (await OpenAttemptIdAsync(employeeId, module.Id, quiz.Id, cancellationToken))!.Value;
        }
    }

    public Task<int?> OpenAttemptIdAsync(string employeeId, string moduleId, string quizId, CancellationToken cancellationToken) =>
        db.QuizAttempts.Where(a => a.EmployeeId == employeeId && a.ModuleId == moduleId && a.QuizId == quizId && a.FinishedAt == null)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The attempt if it is the employee's own; anyone else's is as good as missing.</summary>
    public async Task<AttemptView?> LoadAsync(int attemptId, string employeeId, CancellationToken cancellationToken)
    {
        var attempt = await db.QuizAttempts.Include(a => a.Answers).SingleOrDefaultAsync(a => a.Id == attemptId && a.EmployeeId == employeeId, cancellationToken);
        if (attempt is null) return null;
        attempt.Answers.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        var quiz = await catalog.QuizVersionAsync(db, attempt.ContentVersionId, cancellationToken);
        var order = QuizDraw.Order(quiz, attempt.Seed);
        var answers = attempt.Answers.Select(a => new Answer(a.StepId, a.ChoiceNumbers)).ToList();
        return new AttemptView(attempt, quiz, order, answers, QuizPath.Walk(quiz, answers, order));
    }

    /// <summary>Stores an answer and, when it ends the path, the score; a passed quiz may complete the module.
    /// A step answered before is accepted without change, so a replayed or doubled POST counts once.</summary>
    public async Task<AnswerCheck> AnswerAsync(AttemptView view, Answer answer, CancellationToken cancellationToken)
    {
        if (view.Answers.Any(a => a.StepId == answer.StepId)) return AnswerCheck.Accepted;
        var check = QuizPath.Check(view.Quiz, view.Answers, answer, view.Order);
        if (check != AnswerCheck.Accepted) return check;

        var now = clock.GetUtcNow();
        var step = view.Quiz.Step(answer.StepId)!;
        db.QuizAnswers.Add(new QuizAnswer
        {
            QuizAttemptId = view.Attempt.Id, Sequence = view.Answers.Count + 1, StepId = step.Id,
            Choices = string.Join(',', answer.ChoiceNumbers), Marks = ScenarioScorer.StepMarks(step, answer.ChoiceNumbers), AnsweredAt = now,
        });
        // The answer is also a review of the step: its spaced-review item is saved with it.
        await ReviewItems.RecordAnswerAsync(db, catalog.Current, view.Attempt.EmployeeId, view.Attempt.ModuleId, view.Attempt.QuizId,
            step, answer.ChoiceNumbers, now, cancellationToken);
        List<Answer> answers = [.. view.Answers, answer];
        var attempt = view.Attempt;
        if (QuizPath.Walk(view.Quiz, answers, view.Order).Finished)
        {
            var score = ScenarioScorer.Score(view.Quiz, answers, view.Order);
            (attempt.FinishedAt, attempt.Percent, attempt.Passed) = (now, score.Percent, score.Passed);
        }
        // The module completion this pass may cause is saved with the answer: one commit, never half of it.
        var completes = false;
        if (attempt.Passed && catalog.Current.Module(attempt.ModuleId) is { } module)
        {
            var activity = await LearnerProgress.ForModuleAsync(db, attempt.EmployeeId, module.Id, cancellationToken);
            activity = activity with { Quizzes = [.. activity.Quizzes, new QuizPassed(attempt.QuizId, now, attempt.Percent!.Value)] };
            completes = (await LearnerProgress.CompleteIfDoneAsync(db, attempt.EmployeeId, module, activity, now, cancellationToken)).LastCompletion != activity.LastCompletion;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueConflict())
        {
            // The same step (or another at the same place on the path) was stored by a parallel request: it counts, this one does not.
            db.ChangeTracker.Clear();
            return AnswerCheck.Accepted;
        }
        // The completion may finish a program: its certificate is due, and a job issues it.
        if (completes) Jobs.CertificateIssueJob.Enqueue(jobs, attempt.EmployeeId, attempt.ModuleId);
        return AnswerCheck.Accepted;
    }
}
