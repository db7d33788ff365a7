using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IdeaMonthCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IdeaMonthCounts",
                columns: table => new
                {
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    Department = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StandardId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Ideas = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdeaMonthCounts", x => new { x.Month, x.Department, x.StandardId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceIdeas_AuthorId_Status_InPracticeOn_Department_Standa~",
                table: "ServiceIdeas",
                columns: new[] { "AuthorId", "Status", "InPracticeOn", "Department", "StandardId" });

            // The counts of the ideas already in practice (status 2); from now on, IdeaMonthCountsInterceptor keeps them.
            migrationBuilder.Sql("""
                INSERT INTO "IdeaMonthCounts" ("Month", "Department", "StandardId", "Ideas")
                SELECT CAST(date_trunc('month', "InPracticeOn") AS date), COALESCE("Department", ''), COALESCE("StandardId", ''), COUNT(*)
                FROM "ServiceIdeas" WHERE "Status" = 2 AND "InPracticeOn" IS NOT NULL
                GROUP BY 1, 2, 3
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdeaMonthCounts");

            migrationBuilder.DropIndex(
                name: "IX_ServiceIdeas_AuthorId_Status_InPracticeOn_Department_Standa~",
                table: "ServiceIdeas");
        }
    }
}
