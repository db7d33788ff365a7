using Academy.Domain.Content;
using Academy.Domain.Practice;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Passport;

/// <summary>How many people of each department are current on each standard, by the passport's rule
/// (<see cref="PassportRules.IsCurrent"/>): every published module that teaches the standard completed and not expired.
/// Counted by the database, one grouped query per standard, whatever the number of employees.</summary>
public static class StandardsCurrency
{
    /// <summary>A department's headcount and, per standard in the order asked, how many of its people are current.</summary>
    public sealed record DepartmentRow(string? Department, int People, IReadOnlyList<int> Current)
    {
        /// <summary>The share of the department's people current on standard <paramref name="index"/>; null when nobody is in it.</summary>
        public double? Share(int index) => People == 0 ? null : (double)Current[index] / People;

        /// <summary>Training currency over every standard: the mean of the shares, i.e. the share of (person, standard)
        /// pairs that are current.</summary>
        public double? Overall => People == 0 || Current.Count == 0 ? null : Current.Sum() / (double)(People * Current.Count);
    }

    public static async Task<IReadOnlyList<DepartmentRow>> ByDepartmentAsync(AcademyDbContext db, IQueryable<Employee> people,
        PublishedContent content, IReadOnlyList<Standard> standards, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var headcount = await people.GroupBy(u => u.Department).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var current = new List<Dictionary<string, int>>();
        foreach (var standard in standards)
        {
            var modules = content.Modules.Values.Where(m => m.Default.Standards.Contains(standard.Id)).Select(m => m.Id).ToList();
            var count = modules.Count;
            // A standard no module teaches has nobody current on it (the passport's rule), so it needs no query.
            current.Add(count == 0 ? [] : (await people
                    .Where(u => db.ModuleCompletions.Where(c => c.EmployeeId == u.Id && modules.Contains(c.ModuleId) && (c.ExpiresAt == null || c.ExpiresAt > now))
                        .Select(c => c.ModuleId).Distinct().Count() == count)
                    .GroupBy(u => u.Department).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
                .ToDictionary(d => d.Key ?? "", d => d.Count));
        }
        return headcount.OrderBy(d => d.Key ?? "\uffff", StringComparer.CurrentCulture)
            .Select(d => new DepartmentRow(d.Key, d.Count, current.Select(c => c.GetValueOrDefault(d.Key ?? "")).ToList()))
            .ToList();
    }
}
