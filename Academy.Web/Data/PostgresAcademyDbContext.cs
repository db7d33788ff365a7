using Microsoft.EntityFrameworkCore;

namespace Academy.Web.Data;

/// <summary>The same model on PostgreSQL, a type of its own so that its migrations (Data/Postgres/Migrations) are kept
/// apart from SQLite's: EF finds a context's migrations by the context type they name. Everything else is shared.</summary>
public sealed class PostgresAcademyDbContext(DbContextOptions<PostgresAcademyDbContext> options) : AcademyDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Index filters are SQL. SQLite's, written first, name columns bare and compare booleans with 1; PostgreSQL folds
        // bare names to lower case and has a real boolean. A new filtered index needs its line here too: the Postgres
        // migration fails to apply in the tests until it has one.
        builder.Entity<AssignmentRule>().HasIndex(r => new { r.ItemKind, r.ItemId }).HasFilter("\"FromContent\"");
        builder.Entity<QuizAttempt>().HasIndex(a => new { a.EmployeeId, a.ModuleId, a.QuizId }, "IX_QuizAttempts_Open").HasFilter("\"FinishedAt\" IS NULL");
    }
}
