using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Indicator;

/// <summary>The leading indicator's counts: ideas put into practice per month, department and standard. Everyone's are
/// the monthly counts kept as rows (<see cref="IdeaMonthCount"/>, a few hundred whatever the number of ideas); a team's
/// are grouped by the database (GROUP BY, COUNT) from its people's ideas, found author by author.</summary>
public static class IndicatorFigures
{
    public sealed record Count(int Year, int Month, string? Department, string? StandardId, int Ideas);

    /// <summary>The ideas put into practice from the month of <paramref name="from"/> on, counted per month, department
    /// and standard, everyone's or those of the people under <paramref name="viewerId"/> at any depth (deactivated or
    /// not: an idea put into practice stays counted). Every other figure of the page is a sum of these.</summary>
    public static async Task<IReadOnlyList<Count>> InPracticeAsync(AcademyDbContext db, string viewerId, bool seesEveryone, DateOnly from,
        CancellationToken cancellationToken)
    {
        if (seesEveryone)
        {
            var month = IdeaMonthCount.MonthOf(from);
            var kept = await db.IdeaMonthCounts.AsNoTracking().Where(c => c.Month >= month && c.Ideas > 0).ToListAsync(cancellationToken);
            return [.. kept.Select(c => new Count(c.Month.Year, c.Month.Month, c.Department.Length == 0 ? null : c.Department,
                c.StandardId.Length == 0 ? null : c.StandardId, c.Ideas))];
        }
        // InPracticeOn is set exactly while an idea is in practice (ServiceIdea.MoveTo). A filter on Status as well made
        // SQLite 3.53, which keeps no statistics here, walk the year's 20,000 ideas in practice on the (Status, …) index
        // rather than each author's few: 50-100 ms instead of 0.6 for a team of 19 (bench/README.md section 8).
        var team = db.ReportIdsOf(viewerId);
        return await db.ServiceIdeas.AsNoTracking().Where(i => team.Contains(i.AuthorId) && i.InPracticeOn >= from)
            .GroupBy(i => new { i.InPracticeOn!.Value.Year, i.InPracticeOn.Value.Month, i.Department, i.StandardId })
            .Select(g => new Count(g.Key.Year, g.Key.Month, g.Key.Department, g.Key.StandardId, g.Count()))
            .ToListAsync(cancellationToken);
    }
}
