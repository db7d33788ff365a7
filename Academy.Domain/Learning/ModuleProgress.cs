using Academy.Domain.Content;

namespace Academy.Domain.Learning;

public enum ProgressState { NotStarted, InProgress, Completed, RefresherDue }

/// <summary>A completion of a module: when, and until when it counts (null: it never expires).</summary>
public readonly record struct Completion(DateTimeOffset CompletedAt, DateTimeOffset? ExpiresAt)
{
    public bool IsCurrent(DateTimeOffset now) => ExpiresAt is null || ExpiresAt > now;
}

/// <summary>Where an employee stands on one module.</summary>
public sealed record ModuleProgress(int LessonsRead, int LessonCount, ProgressState State, DateTimeOffset? ValidUntil)
{
    public int Percent => State == ProgressState.Completed ? 100 : LessonCount == 0 ? 0 : LessonsRead * 100 / LessonCount;

    /// <param name="lessonsRead">Each lesson number the employee opened, with when they last opened it.</param>
    /// <param name="lastCompletion">The latest completion, if any.</param>
    public static ModuleProgress Of(ModuleDocument module, IEnumerable<(int Number, DateTimeOffset ReadAt)> lessonsRead,
        Completion? lastCompletion, DateTimeOffset now)
    {
        if (lastCompletion is { } done && done.IsCurrent(now))
            return new ModuleProgress(module.Lessons.Count, module.Lessons.Count, ProgressState.Completed, done.ExpiresAt);
        var read = CountRead(module, lessonsRead, lastCompletion);
        var state = lastCompletion is not null ? ProgressState.RefresherDue : read == 0 ? ProgressState.NotStarted : ProgressState.InProgress;
        return new ModuleProgress(read, module.Lessons.Count, state, lastCompletion?.ExpiresAt);
    }

    /// <summary>True when every lesson has been read since the last completion (a refresher reads them all again).</summary>
    public static bool IsComplete(ModuleDocument module, IEnumerable<(int Number, DateTimeOffset ReadAt)> lessonsRead, Completion? lastCompletion) =>
        CountRead(module, lessonsRead, lastCompletion) == module.Lessons.Count;

    /// <summary>When a completion made at <paramref name="completedAt"/> expires; null when the module has no refresher.</summary>
    public static Completion CompletionAt(ModuleDocument module, DateTimeOffset completedAt) =>
        new(completedAt, module.Refresher?.AddTo(completedAt));

    private static int CountRead(ModuleDocument module, IEnumerable<(int Number, DateTimeOffset ReadAt)> lessonsRead, Completion? lastCompletion) =>
        lessonsRead.Where(l => l.Number >= 1 && l.Number <= module.Lessons.Count && (lastCompletion is null || l.ReadAt > lastCompletion.Value.CompletedAt))
            .Select(l => l.Number).Distinct().Count();
}
