using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Lineup;

/// <summary>Counts the stored streaks of line-ups done before streaks were counted right. Migration
/// <c>LineupStreaksRecount</c> marks every stored line-up uncounted (streak 0, which <see cref="LineupRules.StreakOn"/>
/// never gives), because its predecessor had set them all to 1: the working days that the rule needs are in
/// <c>lineup.md</c>, which SQL cannot read. The start that follows counts them here, after the content is loaded.</summary>
public static class LineupStreaks
{
    public const int Uncounted = 0;

    /// <summary>Counts again, from their first line-up, the streaks of every learner who has an uncounted one. Nothing to
    /// do is one read on a partial index (<c>IX_LineupCompletions_Uncounted</c>) that holds no row.</summary>
    public static async Task RecountAsync(AcademyDbContext db, PublishedContent content, CancellationToken cancellationToken)
    {
        var learners = await db.LineupCompletions.Where(c => c.Streak == Uncounted).Select(c => c.EmployeeId).Distinct().ToListAsync(cancellationToken);
        if (learners.Count == 0) return;
        var workingDays = LineupRules.WorkingDaysOf(content.Lineup);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var learner in learners)
        {
            DateOnly? previous = null;
            var streak = 0;
            foreach (var done in await db.LineupCompletions.Where(c => c.EmployeeId == learner).OrderBy(c => c.Day).ToListAsync(cancellationToken))
            {
                done.Streak = streak = LineupRules.StreakOn(done.Day, previous, streak, workingDays);
                previous = done.Day;
            }
            await db.SaveChangesAsync(cancellationToken);
            // One learner's days at a time in memory, whatever the number of learners.
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
