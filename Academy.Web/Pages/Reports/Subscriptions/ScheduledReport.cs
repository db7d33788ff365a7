using System.Globalization;
using System.IO.Pipelines;
using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Academy.Web.Pages.Reports.Subscriptions;

/// <summary>What the scheduled report's job and its download page share: the owner's scope as it stands now, and the
/// report written as a file in the current UI language, the same columns as the Reports page's export.</summary>
public static class ScheduledReport
{
    /// <summary>The subscriber's scope today, read from the database (there is no signed-in user in a job): everyone for
    /// HR and administrators, their reports for a manager, null for anyone else or a deactivated account.</summary>
    public static async Task<ReportScope?> OwnerScopeAsync(AcademyDbContext db, string ownerId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(u => u.Id == ownerId && u.IsActive, cancellationToken)) return null;
        var seesEveryone = await db.UserRoles.Where(ur => ur.UserId == ownerId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(name => name == Roles.HR || name == Roles.Admin, cancellationToken);
        if (seesEveryone) return ReportScope.Everyone;
        return await db.Users.AnyAsync(u => u.ManagerId == ownerId, cancellationToken) ? new ReportScope(ownerId) : null;
    }

    public static string ContentType(string format) => format == "csv" ? ReportExport.CsvType : ReportExport.XlsxType;

    public static string FileName(string format, DateTimeOffset at) => $"completion-{at:yyyy-MM-dd}.{format}";

    /// <returns>The employee rows written.</returns>
    public static async Task<int> WriteAsync(Stream body, string format, CompletionReport report, IStringLocalizer t, CancellationToken cancellationToken)
    {
        var modules = report.Modules(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
        var headers = new ReportExport.Headers(
            [t["Employee number"], t["Name"], t["Email"], t["Department"], t["Location"], t["Job role"], t["Manager"], t["Hire date"]],
            t["Completed"], t["Overdue"], t["(date)"]);
        var rows = report.RowsAsync(modules, null, CompletionReport.ChunkSize(modules.Count), cancellationToken);
        string Status(Academy.Domain.Reports.TrainingStatus status) => t[ReportText.Of(status)];
        if (format == "csv") return await ReportExport.WriteCsvAsync(body, rows, modules, headers, Status, cancellationToken);
        var pipe = PipeWriter.Create(body, new StreamPipeWriterOptions(leaveOpen: true));
        var count = await ReportExport.WriteXlsxAsync(pipe, rows, modules, headers, Status, t["Completion report"], cancellationToken);
        await pipe.CompleteAsync();
        return count;
    }

    /// <summary>A stored filter, readable: "Department=Front Desk · Module=refunds".</summary>
    public static string Describe(string filter) => Uri.UnescapeDataString(filter).Replace("&", " · ");
}
