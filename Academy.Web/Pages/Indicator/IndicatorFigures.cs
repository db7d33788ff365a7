using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Indicator;

/// <summary>The leading indicator's counts: ideas put into practice, grouped by the database (GROUP BY, COUNT), so the
/// page reads a few dozen rows whatever the number of ideas.</summary>
public static class IndicatorFigures
{
    public sealed record Count(int Year, int Month, string? Department, string? StandardId, int Ideas);

    /// <summary>The ideas in <paramref name="ideas"/> put into practice from <paramref name="from"/> on, counted per
    /// month, department and standard: every other figure of the page is a sum of these.</summary>
    public static async Task<IReadOnlyList<Count>> InPracticeAsync(IQueryable<ServiceIdea> ideas, DateOnly from, CancellationToken cancellationToken) =>
        await ideas.Where(i => i.Status == IdeaStatus.InPractice && i.InPracticeOn >= from)
            .GroupBy(i => new { i.InPracticeOn!.Value.Year, i.InPracticeOn.Value.Month, i.Department, i.StandardId })
            .Select(g => new Count(g.Key.Year, g.Key.Month, g.Key.Department, g.Key.StandardId, g.Count()))
            .ToListAsync(cancellationToken);

    /// <summary>The ideas a viewer's indicator counts: everyone's for HR and administrators, otherwise those of the
    /// people under the viewer at any depth (deactivated or not: an idea put into practice stays counted).</summary>
    public static IQueryable<ServiceIdea> Visible(AcademyDbContext db, string viewerId, bool seesEveryone)
    {
        var ideas = db.ServiceIdeas.AsNoTracking();
        if (seesEveryone) return ideas;
        var team = db.ReportIdsOf(viewerId);
        return ideas.Where(i => team.Contains(i.AuthorId));
    }
}
