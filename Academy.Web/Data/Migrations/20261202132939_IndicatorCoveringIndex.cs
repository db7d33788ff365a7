using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceIdeas_Status_InPracticeOn",
                table: "ServiceIdeas");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceIdeas_Status_InPracticeOn_Department_StandardId",
                table: "ServiceIdeas",
                columns: new[] { "Status", "InPracticeOn", "Department", "StandardId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceIdeas_Status_InPracticeOn_Department_StandardId",
                table: "ServiceIdeas");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceIdeas_Status_InPracticeOn",
                table: "ServiceIdeas",
                columns: new[] { "Status", "InPracticeOn" });
        }
    }
}
