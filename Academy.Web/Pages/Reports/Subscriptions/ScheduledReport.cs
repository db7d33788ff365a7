using Academy.Web.Data;
using Academy.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Pages.Reports.Subscriptions;

/// <summary>What the scheduled report's job and its download page share: the owner's scope as it stands now, and the
/// stored filter in words. The file itself is <see cref="ReportExport.WriteReportAsync"/>, as on the Reports page.</summary>
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

    /// <summary>A stored filter, readable: "Department=Front Desk · Module=refunds".</summary>
    public static string Describe(string filter) => Uri.UnescapeDataString(filter).Replace("&", " · ");
}
