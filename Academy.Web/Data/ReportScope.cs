using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>Whom a report may show: HR sees every active employee, a manager their reports, direct and indirect.</summary>
public static class ReportScope
{
    /// <summary>The active employees a report shows to <paramref name="viewerId"/>, as a query to filter and aggregate
    /// further: nothing is loaded here.</summary>
    public static IQueryable<Employee> People(this AcademyDbContext db, string viewerId, bool seesEveryone)
    {
        var people = db.Users.AsNoTracking().Where(u => u.IsActive);
        if (seesEveryone) return people;
        var team = db.ReportIdsOf(viewerId);
        return people.Where(u => team.Contains(u.Id));
    }

    /// <summary>The ids of everyone under <paramref name="managerId"/>, at any depth, in one recursive query that the
    /// caller composes (no list of ids comes back to the server). UNION, not UNION ALL: a reporting line that closes
    /// on itself still ends.</summary>
    public static IQueryable<string> ReportIdsOf(this AcademyDbContext db, string managerId) =>
        db.Database.SqlQuery<string>($"""
            WITH RECURSIVE "Team"("Id") AS (
                SELECT "Id" FROM "AspNetUsers" WHERE "ManagerId" = {managerId}
                UNION
                SELECT "u"."Id" FROM "AspNetUsers" AS "u" JOIN "Team" AS "t" ON "u"."ManagerId" = "t"."Id")
            SELECT "Id" AS "Value" FROM "Team"
            """);
}
