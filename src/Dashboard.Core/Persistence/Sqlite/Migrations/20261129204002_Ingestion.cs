using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Ingestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Encoding",
                table: "ImportRuns",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FileBytes",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "ImportRuns",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StartedBy",
                table: "ImportRuns",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "ImportRejectedRows",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Rule",
                table: "ImportRejectedRows",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ErasedIdentifiers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ErasedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ErasedIdentifiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportRuleCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportRunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Rows = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportRuleCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportRuleCounts_ImportRuns_ImportRunId",
                        column: x => x.ImportRunId,
                        principalTable: "ImportRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ErasedIdentifiers_Hash",
                table: "ErasedIdentifiers",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportRuleCounts_ImportRunId_Rule",
                table: "ImportRuleCounts",
                columns: new[] { "ImportRunId", "Rule" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ErasedIdentifiers");

            migrationBuilder.DropTable(
                name: "ImportRuleCounts");

            migrationBuilder.DropColumn(
                name: "Encoding",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "FileBytes",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "StartedBy",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "ImportRejectedRows");

            migrationBuilder.DropColumn(
                name: "Rule",
                table: "ImportRejectedRows");
        }
    }
}
