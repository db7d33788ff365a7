using Academy.Domain.Assignments;
using Academy.Domain.Content;
using Academy.Domain.Learning;

namespace Academy.Domain.Practice;

/// <summary>Where an employee stands on a module that teaches a standard, as the passport shows it.</summary>
public enum PassportStatus { NotStarted, InProgress, Completed, Expiring, Expired }

/// <summary>The rules of the standards passport: a module's status, and whether an employee is current on a standard.</summary>
public static class PassportRules
{
    /// <summary>Completed and still valid; <see cref="PassportStatus.Expiring"/> once its refresher window is open
    /// (the module's <c>refresher-window</c> before expiry); <see cref="PassportStatus.Expired"/> when the last
    /// completion has lapsed and no new one was made; <see cref="PassportStatus.InProgress"/> once a lesson is read or
    /// a quiz attempted.</summary>
    /// <param name="quizAttempted">A quiz of the module was attempted: a failed attempt is no step of
    /// <see cref="ModuleProgress"/>, but the learner who sees "55 % · Not yet passed" has started the module.</param>
    public static PassportStatus StatusOf(ModuleDocument module, ModuleProgress progress, bool quizAttempted, DateTimeOffset now) => progress.State switch
    {
        ProgressState.Completed when progress.ValidUntil is { } until
            && Refresher.StatusAt(until, module.RefresherWindow, now) == CompletionStatus.WindowOpen => PassportStatus.Expiring,
        ProgressState.Completed => PassportStatus.Completed,
        ProgressState.RefresherDue => PassportStatus.Expired,
        ProgressState.InProgress => PassportStatus.InProgress,
        _ when quizAttempted => PassportStatus.InProgress,
        _ => PassportStatus.NotStarted,
    };

    /// <summary>The same from stored completions: the latest completion of the module, or <c>null</c>, and whether the
    /// employee started it (read a lesson or attempted a quiz), which matters only while nothing was completed.</summary>
    public static PassportStatus StatusOf(ModuleDocument module, Completion? latest, bool started, DateTimeOffset now) => latest switch
    {
        null when started => PassportStatus.InProgress,
        null => PassportStatus.NotStarted,
        { } done when !done.IsCurrent(now) => PassportStatus.Expired,
        { ExpiresAt: { } until } when Refresher.StatusAt(until, module.RefresherWindow, now) == CompletionStatus.WindowOpen => PassportStatus.Expiring,
        _ => PassportStatus.Completed,
    };

    /// <summary>An employee is current on a standard when every module that teaches it is completed and not expired
    /// (expiring still counts: it is valid until its date). A standard no module teaches has nobody current on it.</summary>
    public static bool IsCurrent(IReadOnlyCollection<PassportStatus> moduleStatuses) =>
        moduleStatuses.Count > 0 && moduleStatuses.All(s => s is PassportStatus.Completed or PassportStatus.Expiring);
}
