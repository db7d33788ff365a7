using System.Linq.Expressions;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>The figures behind the charts, each counted by the database (GROUP BY and COUNT) over the people in scope:
/// no assignment or completion row is loaded, whatever the number of employees.</summary>
public static class TrainingFigures
{
    /// <summary>A department's current assignments (not removed) and how many of them are completed.</summary>
    public sealed record DepartmentCompletion(string? Department, int Assigned, int Completed)
    {
        public double Rate => Assigned == 0 ? 0 : (double)Completed / Assigned;
    }

    public sealed record WeekOverdue(WeekEnd Week, int Overdue);

    public static async Task<IReadOnlyList<DepartmentCompletion>> CompletionByDepartmentAsync(AcademyDbContext db,
        IQueryable<Employee> people, CancellationToken cancellationToken) =>
        (await (from a in db.Assignments.AsNoTracking()
                join u in people on a.EmployeeId equals u.Id
                where a.RemovedAt == null
                group a by u.Department into g
                select new DepartmentCompletion(g.Key, g.Count(), g.Count(a => a.CompletedAt != null)))
            .ToListAsync(cancellationToken))
        .OrderBy(d => d.Department ?? "\uffff", StringComparer.CurrentCulture).ToList();

    /// <summary>How many assignments were overdue at the end of each week: assigned by then, due before the week's last
    /// day (the rule of the overdue list, on that day), and neither completed nor removed by then. One query: one
    /// conditional count per week, in a single pass over the assignments that could count in any of them.</summary>
    public static async Task<IReadOnlyList<WeekOverdue>> OverdueByWeekAsync(AcademyDbContext db, IQueryable<Employee> people,
        IReadOnlyList<WeekEnd> weeks, CancellationToken cancellationToken)
    {
        var lastDay = weeks.Max(w => w.Day);
        var firstAt = weeks.Min(w => w.At);
        var candidates = db.Assignments.AsNoTracking()
            .Where(a => a.DueOn < lastDay && (a.CompletedAt == null || a.CompletedAt > firstAt) && (a.RemovedAt == null || a.RemovedAt > firstAt)
                        && people.Any(u => u.Id == a.EmployeeId));
        var group = Expression.Parameter(typeof(IGrouping<int, Assignment>), "g");
        var counts = weeks.Select(w => (Expression)Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(Assignment)], group, OverdueAt(w)));
        var selector = Expression.Lambda<Func<IGrouping<int, Assignment>, int[]>>(Expression.NewArrayInit(typeof(int), counts), group);
        // One group of every candidate, so one row of counts; none at all when no assignment is a candidate.
        var row = (await candidates.GroupBy(a => 1).Select(selector).ToListAsync(cancellationToken)).SingleOrDefault();
        return weeks.Select((w, i) => new WeekOverdue(w, row?[i] ?? 0)).ToList();
    }

    private static Expression<Func<Assignment, bool>> OverdueAt(WeekEnd week)
    {
        var (day, at) = (week.Day, week.At);
        return a => a.DueOn < day && a.AssignedAt <= at && (a.CompletedAt == null || a.CompletedAt > at) && (a.RemovedAt == null || a.RemovedAt > at);
    }
}
