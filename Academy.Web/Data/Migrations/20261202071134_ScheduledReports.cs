using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Academy.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScheduledReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AttachmentId",
                table: "MailOutbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MailAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false),
                    Filter = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Frequency = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Recipients = table.Column<string>(type: "TEXT", maxLength: 6000, nullable: false),
                    SkipEmpty = table.Column<bool>(type: "INTEGER", nullable: false),
                    Paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportSubscriptions_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportSends",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriptionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSends", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportSends_ReportSubscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "ReportSubscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_AttachmentId",
                table: "MailOutbox",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportSends_SubscriptionId_Period",
                table: "ReportSends",
                columns: new[] { "SubscriptionId", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportSubscriptions_OwnerId",
                table: "ReportSubscriptions",
                column: "OwnerId");

            migrationBuilder.AddForeignKey(
                name: "FK_MailOutbox_MailAttachments_AttachmentId",
                table: "MailOutbox",
                column: "AttachmentId",
                principalTable: "MailAttachments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_MailOutbox_MailAttachments_AttachmentId",
                table: "MailOutbox");

            migrationBuilder.DropTable(
                name: "MailAttachments");

            migrationBuilder.DropTable(
                name: "ReportSends");

            migrationBuilder.DropTable(
                name: "ReportSubscriptions");

            migrationBuilder.DropIndex(
                name: "IX_MailOutbox_AttachmentId",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "MailOutbox");
        }
    }
}
