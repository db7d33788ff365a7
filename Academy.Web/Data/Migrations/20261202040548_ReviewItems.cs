using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EmployeeId = table.Column<string>(type: "TEXT", nullable: false),
                    ModuleId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    QuizId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StepId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Phase = table.Column<int>(type: "INTEGER", nullable: false),
                    LearningStep = table.Column<int>(type: "INTEGER", nullable: true),
                    Stability = table.Column<double>(type: "REAL", nullable: true),
                    Difficulty = table.Column<double>(type: "REAL", nullable: true),
                    Due = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReview = table.Column<long>(type: "INTEGER", nullable: true),
                    Reps = table.Column<int>(type: "INTEGER", nullable: false),
                    Lapses = table.Column<int>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewItems_AspNetUsers_EmployeeId",
                        column: x => x.EmployeeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewLogs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewLogs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewLogs_ReviewItems_ReviewItemId",
                        column: x => x.ReviewItemId,
                        principalTable: "ReviewItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_EmployeeId_Due",
                table: "ReviewItems",
                columns: new[] { "EmployeeId", "Due" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_EmployeeId_ModuleId_QuizId_StepId",
                table: "ReviewItems",
                columns: new[] { "EmployeeId", "ModuleId", "QuizId", "StepId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_ModuleId_QuizId_StepId",
                table: "ReviewItems",
                columns: new[] { "ModuleId", "QuizId", "StepId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewLogs_ReviewItemId_Sequence",
                table: "ReviewLogs",
                columns: new[] { "ReviewItemId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewLogs");

            migrationBuilder.DropTable(
                name: "ReviewItems");
        }
    }
}
