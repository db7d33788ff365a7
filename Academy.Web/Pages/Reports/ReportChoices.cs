using Academy.Domain.Reports;
using Academy.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports;

/// <summary>The choices of the filter form, each list read in one indexed query.</summary>
public sealed record ReportChoices(IReadOnlyList<string> Departments, IReadOnlyList<string> Locations, IReadOnlyList<string> JobRoles,
    IReadOnlyList<(string Id, string Name)> Managers, IReadOnlyList<(string Id, string Title)> Programs, IReadOnlyList<(string Id, string Title)> Modules,
    IReadOnlyList<(string Id, string Title)> Standards)
{
    public static readonly ReportChoices None = new([], [], [], [], [], [], []);

    public static async Task<ReportChoices> LoadAsync(AcademyDbContext db, PublishedContent content, ReportScope scope, string language, CancellationToken cancellationToken)
    {
        var departments = await db.Users.AsNoTracking().Where(u => u.Department != null).Select(u => u.Department!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var locations = await db.Users.AsNoTracking().Where(u => u.Location != null).Select(u => u.Location!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var jobRoles = await db.Users.AsNoTracking().Where(u => u.JobRole != null).Select(u => u.JobRole!).Distinct().OrderBy(d => d).ToListAsync(cancellationToken);
        var managers = db.Users.AsNoTracking().Where(u => db.Users.Any(r => r.ManagerId == u.Id));
        if (scope.ManagerId is { } me)
        {
            // A manager filters by themselves or by the managers below them, never by someone outside their line.
            var report = new CompletionReport(db, content, scope, new ReportFilter(), DateTimeOffset.MinValue);
            managers = managers.Where(u => u.Id == me || report.Team(me).Contains(u.Id));
        }
        var managerList = (await managers.OrderBy(u => u.FullName).Select(u => new { u.Id, u.FullName }).ToListAsync(cancellationToken))
            .Select(m => (m.Id, m.FullName)).ToList();
        return new ReportChoices(departments, locations, jobRoles, managerList,
            content.Programs.Select(p => (p.Id, p.Title)).ToList(),
            content.Modules.Values.Select(m => (m.Id, m.In(language).Title)).OrderBy(m => m.Title, StringComparer.CurrentCulture).ToList(),
            content.Standards.Select(s => (s.Id, s.Title)).ToList());
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
