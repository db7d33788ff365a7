using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LineupStreakAndDoublePostKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PostedShiftedSlot",
                table: "ServiceIdeas",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PostedSlot",
                table: "ServiceIdeas",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextHash",
                table: "ServiceIdeas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Streak",
                table: "LineupCompletions",
                type: "integer",
                nullable: false,
                // Line-ups done before streaks were stored: each counts as a streak of one, not zero.
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceIdeas_AuthorId_TextHash_PostedShiftedSlot",
                table: "ServiceIdeas",
                columns: new[] { "AuthorId", "TextHash", "PostedShiftedSlot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceIdeas_AuthorId_TextHash_PostedSlot",
                table: "ServiceIdeas",
                columns: new[] { "AuthorId", "TextHash", "PostedSlot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_EmployeeId_LastReview",
                table: "ReviewItems",
                columns: new[] { "EmployeeId", "LastReview" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceIdeas_AuthorId_TextHash_PostedShiftedSlot",
                table: "ServiceIdeas");

            migrationBuilder.DropIndex(
                name: "IX_ServiceIdeas_AuthorId_TextHash_PostedSlot",
                table: "ServiceIdeas");

            migrationBuilder.DropIndex(
                name: "IX_ReviewItems_EmployeeId_LastReview",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "PostedShiftedSlot",
                table: "ServiceIdeas");

            migrationBuilder.DropColumn(
                name: "PostedSlot",
                table: "ServiceIdeas");

            migrationBuilder.DropColumn(
                name: "TextHash",
                table: "ServiceIdeas");

            migrationBuilder.DropColumn(
                name: "Streak",
                table: "LineupCompletions");
        }
    }
}
