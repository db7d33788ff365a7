using Academy.Domain.Learning;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>Reads and records one employee's progress. Shared by the home, catalog, program, lesson and quiz pages.</summary>
public static class LearnerProgress
{
    /// <summary>Progress on every published module, in three queries whatever the number of modules.</summary>
    public static async Task<Dictionary<string, ModuleProgress>> ForEmployeeAsync(AcademyDbContext db, string employeeId,
        PublishedContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var activities = await ActivitiesAsync(db, employeeId, null, cancellationToken);
        return content.Modules.Values.ToDictionary(m => m.Id,
            m => ModuleProgress.Of(m.Default, m.QuizIds, activities.GetValueOrDefault(m.Id, ModuleActivity.None), now));
    }

    public static async Task<ModuleActivity> ForModuleAsync(AcademyDbContext db, string employeeId, string moduleId, CancellationToken cancellationToken) =>
        (await ActivitiesAsync(db, employeeId, moduleId, cancellationToken)).GetValueOrDefault(moduleId, ModuleActivity.None);

    /// <summary>Records that the employee read a lesson, and completes the module if nothing else was missing.
    /// A lesson read before and not due again writes nothing.</summary>
    public static async Task<(ModuleProgress Progress, ModuleActivity Activity)> RecordReadingAsync(AcademyDbContext db, string employeeId,
        PublishedModule module, int lessonNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var activity = await ForModuleAsync(db, employeeId, module.Id, cancellationToken);
        var since = activity.LastCompletion?.CompletedAt ?? DateTimeOffset.MinValue;
        var progress = ModuleProgress.Of(module.Default, module.QuizIds, activity, now);
        var previous = activity.Lessons.Where(l => l.Number == lessonNumber).Select(l => (DateTimeOffset?)l.At).FirstOrDefault();
        if (progress.State == ProgressState.Completed || previous > since) return (progress, activity);

        if (previous is null)
            db.LessonViews.Add(new LessonView { EmployeeId = employeeId, ModuleId = module.Id, LessonNumber = lessonNumber, FirstReadAt = now, ReadAt = now });
        else
            await db.LessonViews.Where(v => v.EmployeeId == employeeId && v.ModuleId == module.Id && v.LessonNumber == lessonNumber)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.ReadAt, now), cancellationToken);
        activity = activity with { Lessons = [.. activity.Lessons.Where(l => l.Number != lessonNumber), new LessonRead(lessonNumber, now)] };
        activity = await CompleteIfDoneAsync(db, employeeId, module, activity, now, cancellationToken);
        await SaveIgnoringRacesAsync(db, cancellationToken);
        return (ModuleProgress.Of(module.Default, module.QuizIds, activity, now), activity);
    }

    /// <summary>Adds the module's completion to the context when every lesson is read and every quiz passed.
    /// The caller saves; the unique (employee, module, sequence) key turns a racing second completion into a no-op.</summary>
    public static async Task<ModuleActivity> CompleteIfDoneAsync(AcademyDbContext db, string employeeId, PublishedModule module,
        ModuleActivity activity, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!ModuleProgress.IsComplete(module.Default, module.QuizIds, activity)) return activity;
        var completion = ModuleProgress.CompletionAt(module.Default, now);
        var sequence = await db.ModuleCompletions.CountAsync(c => c.EmployeeId == employeeId && c.ModuleId == module.Id, cancellationToken) + 1;
        db.ModuleCompletions.Add(new ModuleCompletion
        {
            EmployeeId = employeeId, ModuleId = module.Id, Sequence = sequence, ModuleVersion = module.Version,
            Score = activity.BestScore(module.QuizIds), CompletedAt = completion.CompletedAt, ExpiresAt = completion.ExpiresAt,
        });
        return activity with { LastCompletion = completion };
    }

    public static async Task SaveIgnoringRacesAsync(AcademyDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel request (a double click, a second tab) recorded the same lesson or completion first.
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<Dictionary<string, ModuleActivity>> ActivitiesAsync(AcademyDbContext db, string employeeId, string? moduleId, CancellationToken cancellationToken)
    {
        var views = db.LessonViews.AsNoTracking().Where(v => v.EmployeeId == employeeId);
        var passed = db.QuizAttempts.AsNoTracking().Where(a => a.EmployeeId == employeeId && a.Passed);
        var completions = db.ModuleCompletions.AsNoTracking().Where(c => c.EmployeeId == employeeId);
        if (moduleId is not null)
        {
            views = views.Where(v => v.ModuleId == moduleId);
            passed = passed.Where(a => a.ModuleId == moduleId);
            completions = completions.Where(c => c.ModuleId == moduleId);
        }
        var lessons = (await views.Select(v => new { v.ModuleId, v.LessonNumber, v.ReadAt }).ToListAsync(cancellationToken))
            .ToLookup(v => v.ModuleId, v => new LessonRead(v.LessonNumber, v.ReadAt));
        var quizzes = (await passed.Select(a => new { a.ModuleId, a.QuizId, a.FinishedAt, a.Percent }).ToListAsync(cancellationToken))
            .ToLookup(a => a.ModuleId, a => new QuizPassed(a.QuizId, a.FinishedAt!.Value, a.Percent!.Value));
        var latest = (await completions.Select(c => new { c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt }).ToListAsync(cancellationToken))
            .GroupBy(c => c.ModuleId)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.Sequence)!);
        return lessons.Select(g => g.Key).Union(quizzes.Select(g => g.Key)).Union(latest.Keys)
            .ToDictionary(id => id, id => new ModuleActivity(lessons[id].ToList(), quizzes[id].ToList(),
                latest.TryGetValue(id, out var c) ? new Completion(c.CompletedAt, c.ExpiresAt) : null));
    }
}
