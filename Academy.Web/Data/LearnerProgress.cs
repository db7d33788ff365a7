using Academy.Domain.Learning;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>Reads and records one employee's progress. Shared by the home, catalog, program and lesson pages.</summary>
public static class LearnerProgress
{
    /// <summary>Progress on every published module, in two queries whatever the number of modules.</summary>
    public static async Task<Dictionary<string, ModuleProgress>> ForEmployeeAsync(AcademyDbContext db, string employeeId,
        PublishedContent content, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var views = (await db.LessonViews.AsNoTracking().Where(v => v.EmployeeId == employeeId)
                .Select(v => new { v.ModuleId, v.LessonNumber, v.ReadAt }).ToListAsync(cancellationToken))
            .ToLookup(v => v.ModuleId, v => (v.LessonNumber, v.ReadAt));
        var completions = await LatestCompletionsAsync(db, employeeId, null, cancellationToken);
        return content.Modules.Values.ToDictionary(m => m.Id,
            m => ModuleProgress.Of(m.Default, views[m.Id], completions.TryGetValue(m.Id, out var c) ? c : null, now));
    }

    /// <summary>Records that the employee read a lesson, and completes the module when it was the last one unread.
    /// A lesson read before and not due again writes nothing. Returns the progress and the lessons ever read.</summary>
    public static async Task<(ModuleProgress Progress, IReadOnlySet<int> LessonsRead)> RecordReadingAsync(AcademyDbContext db, string employeeId, PublishedModule module,
        int lessonNumber, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var views = await db.LessonViews.Where(v => v.EmployeeId == employeeId && v.ModuleId == module.Id).ToListAsync(cancellationToken);
        var completions = await LatestCompletionsAsync(db, employeeId, module.Id, cancellationToken);
        Completion? last = completions.TryGetValue(module.Id, out var c) ? c : null;
        var read = views.Select(v => (v.LessonNumber, v.ReadAt)).ToList();
        var lessonsRead = views.Select(v => v.LessonNumber).Append(lessonNumber).ToHashSet();
        var progress = ModuleProgress.Of(module.Default, read, last, now);
        if (progress.State == ProgressState.Completed) return (progress, lessonsRead);

        var view = views.FirstOrDefault(v => v.LessonNumber == lessonNumber);
        if (view is not null && (last is null || view.ReadAt > last.Value.CompletedAt)) return (progress, lessonsRead);
        if (view is null)
            db.LessonViews.Add(new LessonView { EmployeeId = employeeId, ModuleId = module.Id, LessonNumber = lessonNumber, FirstReadAt = now, ReadAt = now });
        else
            view.ReadAt = now;
        read.RemoveAll(r => r.LessonNumber == lessonNumber);
        read.Add((lessonNumber, now));

        if (ModuleProgress.IsComplete(module.Default, read, last))
        {
            var completion = ModuleProgress.CompletionAt(module.Default, now);
            var sequence = await db.ModuleCompletions.CountAsync(x => x.EmployeeId == employeeId && x.ModuleId == module.Id, cancellationToken) + 1;
            db.ModuleCompletions.Add(new ModuleCompletion
            {
                EmployeeId = employeeId, ModuleId = module.Id, Sequence = sequence, ModuleVersion = module.Version,
                CompletedAt = completion.CompletedAt, ExpiresAt = completion.ExpiresAt,
            });
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel request (a double click, a second tab) recorded the same lesson or completion first.
            db.ChangeTracker.Clear();
        }
        var completed = ModuleProgress.IsComplete(module.Default, read, last) ? ModuleProgress.CompletionAt(module.Default, now) : last;
        return (ModuleProgress.Of(module.Default, read, completed, now), lessonsRead);
    }

    private static async Task<Dictionary<string, Completion>> LatestCompletionsAsync(AcademyDbContext db, string employeeId, string? moduleId, CancellationToken cancellationToken)
    {
        var query = db.ModuleCompletions.AsNoTracking().Where(c => c.EmployeeId == employeeId);
        if (moduleId is not null) query = query.Where(c => c.ModuleId == moduleId);
        var rows = await query.Select(c => new { c.ModuleId, c.Sequence, c.CompletedAt, c.ExpiresAt }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ModuleId)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.Sequence) is var latest ? new Completion(latest!.CompletedAt, latest.ExpiresAt) : default);
    }
}
