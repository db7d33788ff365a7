using System.Globalization;
using Academy.Domain.Reports;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>The choices of the filter form, each list read in one indexed query. Managers are not among them: there are
/// thousands (2,500 at 50,000 employees), so the form takes part of a name and <see cref="ManagersAsync"/> resolves it.</summary>
public sealed record ReportChoices(IReadOnlyList<string> Departments, IReadOnlyList<string> Locations, IReadOnlyList<string> JobRoles,
    IReadOnlyList<(string Id, string Title)> Programs, IReadOnlyList<(string Id, string Title)> Modules, IReadOnlyList<(string Id, string Title, string Language)> Standards)
{
    public static readonly ReportChoices None = new([], [], [], [], [], []);

    public static async Task<ReportChoices> LoadAsync(AcademyDbContext db, PublishedContent content, ReportScope scope, string language, CancellationToken cancellationToken)
    {
        var departments = await db.Users.AsNoTracking().Where(u => u.Department != null).Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var locations = await db.Users.AsNoTracking().Where(u => u.Location != null).Select(u => u.Location!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var jobRoles = await db.Users.AsNoTracking().Where(u => u.JobRole != null).Select(u => u.JobRole!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        return new ReportChoices(departments, locations, jobRoles,
            content.Programs.Select(p => (p.Id, p.Title)).ToList(),
            content.Modules.Values.Select(m => (m.Id, m.In(language).Title)).OrderBy(m => m.Title, StringComparer.CurrentCulture).ToList(),
            content.Standards.Select(s => (s.Id, s.TitleIn(language), s.LanguageIn(language))).ToList());
    }

    /// <summary>The managers the reader may filter by whose name contains <paramref name="text"/>, ignoring case and
    /// accents ("eric" finds Éric), in name order; a name equal to the text comes alone, so that "Ana" is not lost among
    /// "Anabel" and "Joana".</summary>
    public static async Task<IReadOnlyList<(string Id, string Name)>> ManagersAsync(AcademyDbContext db, ReportScope scope, string text,
        CancellationToken cancellationToken)
    {
        // Read whole and matched here: SQL's lower() leaves accented letters as they are in SQLite. Ids and names only,
        // a few thousand short rows, and only when a name is asked for.
        var all = await Managers(db, scope).OrderBy(u => u.FullName).ThenBy(u => u.Id).Select(u => new { u.Id, u.FullName }).ToListAsync(cancellationToken);
        var compare = CultureInfo.CurrentCulture.CompareInfo;
        const CompareOptions loose = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        var matches = all.Where(m => compare.IndexOf(m.FullName, text.Trim(), loose) >= 0).Select(m => (m.Id, m.FullName)).ToList();
        var exact = matches.Where(m => compare.Compare(m.FullName, text.Trim(), loose) == 0).ToList();
        return exact.Count == 1 ? exact : matches;
    }

    /// <summary>The name of the manager <paramref name="id"/>, when the reader may filter by them.</summary>
    public static async Task<string?> ManagerNameAsync(AcademyDbContext db, ReportScope scope, string id, CancellationToken cancellationToken) =>
        await Managers(db, scope).Where(u => u.Id == id).Select(u => u.FullName).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Everyone with reports; for a manager, themselves and the managers below them, never someone outside their line.</summary>
    private static IQueryable<Employee> Managers(AcademyDbContext db, ReportScope scope)
    {
        var managers = db.Users.AsNoTracking().Where(u => db.Users.Any(r => r.ManagerId == u.Id));
        return scope.ManagerId is { } me ? managers.Where(u => u.Id == me || db.ReportIdsOf(me).Contains(u.Id)) : managers;
    }
}

/// <summary>English text of each status, the key of its translation.</summary>
public static class ReportText
{
    public static string Of(TrainingStatus status) => status switch
    {
        TrainingStatus.NotAssigned => "Not assigned",
        TrainingStatus.Assigned => "Assigned",
        TrainingStatus.InProgress => "In progress",
        TrainingStatus.Completed => "Completed",
        TrainingStatus.Overdue => "Overdue",
        TrainingStatus.Expiring => "Expiring",
        _ => "Expired",
    };

    /// <summary>A short class name per status, for the cell's colour (the text says it too, colour is never alone).</summary>
    public static string Css(TrainingStatus status) => status switch
    {
        TrainingStatus.Completed => "st-ok",
        TrainingStatus.Overdue or TrainingStatus.Expired => "st-bad",
        TrainingStatus.Expiring => "st-warn",
        TrainingStatus.InProgress or TrainingStatus.Assigned => "st-open",
        _ => "st-none",
    };
}
