using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class RollupsModuleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_ModuleId_EmployeeId",
                table: "QuizAttempts",
                columns: new[] { "ModuleId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_ModuleCompletions_ModuleId_EmployeeId",
                table: "ModuleCompletions",
                columns: new[] { "ModuleId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_LessonViews_ModuleId_EmployeeId",
                table: "LessonViews",
                columns: new[] { "ModuleId", "EmployeeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_ItemId_EmployeeId",
                table: "Assignments",
                columns: new[] { "ItemId", "EmployeeId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_ModuleId_EmployeeId",
                table: "QuizAttempts");

            migrationBuilder.DropIndex(
                name: "IX_ModuleCompletions_ModuleId_EmployeeId",
                table: "ModuleCompletions");

            migrationBuilder.DropIndex(
                name: "IX_LessonViews_ModuleId_EmployeeId",
                table: "LessonViews");

            migrationBuilder.DropIndex(
                name: "IX_Assignments_ItemId_EmployeeId",
                table: "Assignments");
        }
    }
}
