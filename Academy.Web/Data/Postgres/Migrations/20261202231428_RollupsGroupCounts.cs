using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RollupsGroupCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TrainingGroupCounts",
                columns: table => new
                {
                    EmployeeId = table.Column<string>(type: "text", nullable: false),
                    Group = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Assigned = table.Column<int>(type: "integer", nullable: false),
                    InProgress = table.Column<int>(type: "integer", nullable: false),
                    Completed = table.Column<int>(type: "integer", nullable: false),
                    Overdue = table.Column<int>(type: "integer", nullable: false),
                    Expiring = table.Column<int>(type: "integer", nullable: false),
                    Expired = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrainingGroupCounts", x => new { x.EmployeeId, x.Group });
                    table.ForeignKey(
                        name: "FK_TrainingGroupCounts_TrainingCounts_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "TrainingCounts",
                        principalColumn: "EmployeeId",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TrainingGroupCounts");
        }
    }
}
