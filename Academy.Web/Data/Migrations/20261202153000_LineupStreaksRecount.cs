using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Migrations
{
    /// <summary>Undoes what LineupStreakAndDoublePostKeys did to the line-ups stored before it, a streak of 1 each: they
    /// are marked uncounted (0) for LineupStreaks.RecountAsync, which counts them at the next start on lineup.md's
    /// working days (SQL cannot read them). The partial index finds the uncounted ones, and is empty once they are counted.
    /// The same SQL on SQLite and PostgreSQL.</summary>
    public partial class LineupStreaksRecount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_LineupCompletions_Uncounted" ON "LineupCompletions" ("EmployeeId") WHERE "Streak" = 0;""");
            migrationBuilder.Sql("""UPDATE "LineupCompletions" SET "Streak" = 0;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_LineupCompletions_Uncounted";""");
        }
    }
}
