using Academy.Domain.Content;

namespace Academy.Domain.Learning;

public enum ProgressState { NotStarted, InProgress, Completed, RefresherDue }

/// <summary>A completion of a module: when, and until when it counts (null: it never expires).</summary>
public readonly record struct Completion(DateTimeOffset CompletedAt, DateTimeOffset? ExpiresAt)
{
    public bool IsCurrent(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}

public readonly record struct LessonRead(int Number, DateTimeOffset At);

/// <summary>A passing attempt of one of the module's quizzes, with its score in percent.</summary>
public readonly record struct QuizPassed(string QuizId, DateTimeOffset At, decimal Percent);

/// <summary>What an employee did on one module: lessons read, quizzes passed, and the latest completion.</summary>
public sealed record ModuleActivity(IReadOnlyList<LessonRead> Lessons, IReadOnlyList<QuizPassed> Quizzes, Completion? LastCompletion)
{
    public static readonly ModuleActivity None = new([], [], null);

    /// <summary>Only what happened after the last completion counts toward the next one: a refresher is done again in full.</summary>
    private DateTimeOffset Since => LastCompletion?.CompletedAt ?? DateTimeOffset.MinValue;

    public int LessonsReadSince(ModuleDocument module) =>
        Lessons.Where(l => l.Number >= 1 && l.Number <= module.Lessons.Count && l.At > Since).Select(l => l.Number).Distinct().Count();

    public int QuizzesPassedSince(IReadOnlyCollection<string> quizIds) =>
        Quizzes.Where(q => q.At > Since && quizIds.Contains(q.QuizId)).Select(q => q.QuizId).Distinct().Count();

    /// <summary>The average, over the module's quizzes, of each quiz's best passing score since the last completion.</summary>
    public decimal? BestScore(IReadOnlyCollection<string> quizIds)
    {
        if (quizIds.Count == 0) return null;
        var best = Quizzes.Where(q => q.At > Since && quizIds.Contains(q.QuizId))
            .GroupBy(q => q.QuizId).Select(g => g.Max(q => q.Percent)).ToList();
        return best.Count == quizIds.Count ? best.Average() : null;
    }
}

/// <summary>Where an employee stands on one module.</summary>
public sealed record ModuleProgress(int StepsDone, int StepCount, int LessonsRead, int LessonCount, ProgressState State, DateTimeOffset? ValidUntil)
{
    /// <summary>The share of the steps (lessons and quizzes alike) done; the progress bar shows it.</summary>
    public int Percent => State == ProgressState.Completed ? 100 : StepCount == 0 ? 0 : StepsDone * 100 / StepCount;

    public int QuizCount => StepCount - LessonCount;

    public int QuizzesPassed => StepsDone - LessonsRead;

    /// <param name="quizIds">The ids of the module's published quizzes, each of which must be passed.</param>
    public static ModuleProgress Of(ModuleDocument module, IReadOnlyCollection<string> quizIds, ModuleActivity activity, DateTimeOffset now)
    {
        var steps = module.Lessons.Count + quizIds.Count;
        if (activity.LastCompletion is { } done && done.IsCurrent(now))
            return new ModuleProgress(steps, steps, module.Lessons.Count, module.Lessons.Count, ProgressState.Completed, done.ExpiresAt);
        var read = activity.LessonsReadSince(module);
        var stepsDone = read + activity.QuizzesPassedSince(quizIds);
        var state = activity.LastCompletion is not null ? ProgressState.RefresherDue : stepsDone == 0 ? ProgressState.NotStarted : ProgressState.InProgress;
        return new ModuleProgress(stepsDone, steps, read, module.Lessons.Count, state, activity.LastCompletion?.ExpiresAt);
    }

    /// <summary>A module is complete when every lesson has been read and every quiz passed since the last completion.
    /// A refresher (a completion came before) of a module with quizzes needs the quizzes only: reading again is offered, not required.</summary>
    public static bool IsComplete(ModuleDocument module, IReadOnlyCollection<string> quizIds, ModuleActivity activity) =>
        (activity.LastCompletion is not null && quizIds.Count > 0 || activity.LessonsReadSince(module) == module.Lessons.Count)
        && activity.QuizzesPassedSince(quizIds) == quizIds.Count;

    /// <summary>A completion made at <paramref name="completedAt"/>, expiring after the module's refresher period.</summary>
    public static Completion CompletionAt(ModuleDocument module, DateTimeOffset completedAt) =>
        new(completedAt, module.Refresher?.AddTo(completedAt));
}
