using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RecommenderRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CurrentModel",
                table: "TrainingRuns",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Epoch",
                table: "TrainingRuns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Epochs",
                table: "TrainingRuns",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "EtaSeconds",
                table: "TrainingRuns",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Loss",
                table: "TrainingRuns",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ValidationMetric",
                table: "TrainingRuns",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PromotedAt",
                table: "ModelVersions",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Key);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropColumn(
                name: "CurrentModel",
                table: "TrainingRuns");

            migrationBuilder.DropColumn(
                name: "Epoch",
                table: "TrainingRuns");

            migrationBuilder.DropColumn(
                name: "Epochs",
                table: "TrainingRuns");

            migrationBuilder.DropColumn(
                name: "EtaSeconds",
                table: "TrainingRuns");

            migrationBuilder.DropColumn(
                name: "Loss",
                table: "TrainingRuns");

            migrationBuilder.DropColumn(
                name: "ValidationMetric",
                table: "TrainingRuns");

            migrationBuilder.DropColumn(
                name: "PromotedAt",
                table: "ModelVersions");
        }
    }
}
