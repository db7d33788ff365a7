using Academy.Domain.Content;
using Academy.Domain.Practice;
using Academy.Domain.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>Keeps review items in step with answers and with content. Shared by the quiz player, the Review page
/// and the content import.</summary>
public static class ReviewItems
{
    /// <summary>Stages the review that an answer to <paramref name="step"/> is: a new item on a first answer, the next
    /// review of the existing one otherwise. The caller saves it with the answer. A step that asks nothing, or that the
    /// published quiz no longer has, makes no item.</summary>
    public static async Task RecordAnswerAsync(AcademyDbContext db, PublishedContent content, string employeeId, string moduleId, string quizId,
        QuizStep step, IReadOnlyList<int> picks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!ReviewRules.IsReviewable(step) || CurrentHash(content, moduleId, quizId, step.Id) is not { } hash) return;
        var item = await db.ReviewItems.SingleOrDefaultAsync(
            i => i.EmployeeId == employeeId && i.ModuleId == moduleId && i.QuizId == quizId && i.StepId == step.Id, cancellationToken);
        if (item is null)
        {
            item = new ReviewItem { EmployeeId = employeeId, ModuleId = moduleId, QuizId = quizId, StepId = step.Id, ContentHash = hash, Due = now };
            db.ReviewItems.Add(item);
        }
        item.Review(hash, ReviewRules.RatingFor(step, picks), now);
    }

    /// <summary>The fingerprint of the step as published now in the quiz's default language; null when it is gone.</summary>
    public static string? CurrentHash(PublishedContent content, string moduleId, string quizId, string stepId) =>
        content.Module(moduleId)?.Quiz(quizId)?.Default.Document.Step(stepId) is { } current && ReviewRules.IsReviewable(current)
            ? ReviewRules.StepHash(current) : null;

    /// <summary>Makes every employee's items follow a newly published <paramref name="quiz"/> (default language): an item
    /// whose step changed is due now with a fresh memory state, one whose step is gone is retired, one whose step came
    /// back is due again. Run in the transaction that publishes the version.</summary>
    public static async Task FollowAsync(AcademyDbContext db, QuizDocument quiz, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (quiz.Language != ContentParser.DefaultLanguage) return;
        var steps = quiz.Steps.Where(ReviewRules.IsReviewable).ToDictionary(s => s.Id, ReviewRules.StepHash);
        var ids = steps.Keys.ToList();
        var items = db.ReviewItems.Where(i => i.ModuleId == quiz.ModuleId && i.QuizId == quiz.Id);
        await items.Where(i => i.RetiredAt == null && !ids.Contains(i.StepId))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RetiredAt, now), cancellationToken);
        foreach (var (stepId, hash) in steps)
            await items.Where(i => i.StepId == stepId && (i.ContentHash != hash || i.RetiredAt != null))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(i => i.ContentHash, hash).SetProperty(i => i.RetiredAt, (DateTimeOffset?)null)
                    .SetProperty(i => i.Phase, MemoryPhase.Learning).SetProperty(i => i.LearningStep, 0)
                    .SetProperty(i => i.Stability, (double?)null).SetProperty(i => i.Difficulty, (double?)null)
                    .SetProperty(i => i.Due, now), cancellationToken);
    }

    /// <summary>The employee's items due by the end of today, most overdue first, each with its step as published now in
    /// <paramref name="language"/> (or the quiz's default); items whose quiz or step is no longer published are left out.</summary>
    /// <param name="notReviewedSince">Leaves out items reviewed since then: the line-up asks each item once a day.</param>
    public static async Task<IReadOnlyList<DueItem>> DueTodayAsync(AcademyDbContext db, PublishedContent content, string employeeId, string language,
        DateTimeOffset now, int limit, CancellationToken cancellationToken, DateTimeOffset? notReviewedSince = null)
    {
        var rows = await DueQuery(db, employeeId, ReviewRules.EndOfDay(now), notReviewedSince, limit * 2).ToListAsync(cancellationToken);
        return [.. rows.Select(r => StepOf(content, r.ModuleId, r.QuizId, r.StepId, language) is { } step ? new DueItem(r.Id, r.Reps, step.Quiz, step.Step) : null)
            .OfType<DueItem>().Take(limit)];
    }

    private sealed record DueRow(int Id, string ModuleId, string QuizId, string StepId, int Reps);

    /// <summary>Compiled once: the line-up card runs it for every learner every day.</summary>
    private static readonly Func<AcademyDbContext, string, DateTimeOffset, DateTimeOffset?, int, IAsyncEnumerable<DueRow>> DueQuery =
        EF.CompileAsyncQuery((AcademyDbContext db, string employeeId, DateTimeOffset end, DateTimeOffset? since, int take) =>
            db.ReviewItems.AsNoTracking()
                .Where(i => i.EmployeeId == employeeId && i.RetiredAt == null && i.Due < end && (since == null || i.LastReview == null || i.LastReview < since))
                .OrderBy(i => i.Due).Take(take)
                .Select(i => new DueRow(i.Id, i.ModuleId, i.QuizId, i.StepId, i.Reps)));

    /// <summary>The feedback on the employee's latest answer to item <paramref name="itemId"/>, in <paramref name="language"/>;
    /// <c>null</c> when it is not theirs, never answered, or no longer published.</summary>
    public static async Task<ReviewFeedback?> FeedbackAsync(AcademyDbContext db, PublishedContent content, string employeeId, int itemId, string language,
        CancellationToken cancellationToken)
    {
        var item = await db.ReviewItems.AsNoTracking().Where(i => i.Id == itemId && i.EmployeeId == employeeId)
            .Select(i => new { i.ModuleId, i.QuizId, i.StepId, i.Due, Log = db.ReviewLogs.Where(l => l.ReviewItemId == i.Id).OrderByDescending(l => l.Sequence).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        return item?.Log is { } log && StepOf(content, item.ModuleId, item.QuizId, item.StepId, language) is { } shown
            ? new ReviewFeedback(shown.Quiz, shown.Step, log.ChoiceNumbers, item.Due)
            : null;
    }

    public static (QuizDocument Quiz, QuizStep Step)? StepOf(PublishedContent content, string moduleId, string quizId, string stepId, string language) =>
        content.Module(moduleId)?.Quiz(quizId)?.In(language).Document is { } quiz && quiz.Step(stepId) is { } step && ReviewRules.IsReviewable(step)
            ? (quiz, step) : null;

    /// <summary>Records an answer given on the Review page to the item the learner saw after <paramref name="seenReps"/>
    /// reviews, and saves it. An answer to an item reviewed since (a doubled or replayed POST) is accepted without change.</summary>
    public static async Task<ReviewAnswer> AnswerAsync(AcademyDbContext db, PublishedContent content, string employeeId, int itemId, int seenReps,
        IReadOnlyList<int> picks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var item = await db.ReviewItems.SingleOrDefaultAsync(i => i.Id == itemId && i.EmployeeId == employeeId, cancellationToken);
        if (item is null) return ReviewAnswer.Missing;
        if (item.Reps != seenReps) return ReviewAnswer.Accepted;
        if (item.RetiredAt is not null || CurrentHash(content, item.ModuleId, item.QuizId, item.StepId) is not { } hash) return ReviewAnswer.Missing;
        var step = content.Module(item.ModuleId)!.Quiz(item.QuizId)!.Default.Document.Step(item.StepId)!;
        if (QuizPath.CheckPicks(step, picks) is var check && check != AnswerCheck.Accepted)
            return check == AnswerCheck.NoChoice ? ReviewAnswer.NoChoice : ReviewAnswer.InvalidChoice;

        var rating = ReviewRules.RatingFor(step, picks);
        item.Review(hash, rating, now);
        db.ReviewLogs.Add(new ReviewLog { ReviewItemId = item.Id, Sequence = item.Reps, Choices = string.Join(',', picks), Rating = rating, ReviewedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueConflict())
        {
            // A parallel submission of the same answer stored this review first: it counts, this one does not.
            db.ChangeTracker.Clear();
        }
        return ReviewAnswer.Accepted;
    }
}

/// <summary>An item due for review, with what to ask.</summary>
/// <param name="Reps">Its review count when shown: the form sends it back, so that a doubled POST is recognised.</param>
public sealed record DueItem(int Id, int Reps, QuizDocument Quiz, QuizStep Step);

/// <summary>What the learner picked on the step just reviewed, and when it comes back.</summary>
public sealed record ReviewFeedback(QuizDocument Quiz, QuizStep Step, IReadOnlyList<int> Picked, DateTimeOffset NextDue);

public enum ReviewAnswer
{
    Accepted,
    NoChoice,
    InvalidChoice,

    /// <summary>Not the employee's item, or its step is no longer published.</summary>
    Missing,
}
