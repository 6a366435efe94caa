using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProfileScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Profiles_ModelVersions_ModelVersionId",
                table: "Profiles");

            migrationBuilder.RenameColumn(
                name: "ModelVersionId",
                table: "Profiles",
                newName: "ValueModelVersionId");

            migrationBuilder.RenameIndex(
                name: "IX_Profiles_ModelVersionId",
                table: "Profiles",
                newName: "IX_Profiles_ValueModelVersionId");

            migrationBuilder.AddColumn<int>(
                name: "ChurnModelVersionId",
                table: "Profiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PropensityModelVersionId",
                table: "Profiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ScoreExplanations",
                table: "Profiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SegmentSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CustomerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Revenue = table.Column<double>(type: "REAL", nullable: false),
                    ReferenceDate = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ComputedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SegmentSnapshots", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_ChurnModelVersionId",
                table: "Profiles",
                column: "ChurnModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_ChurnRisk",
                table: "Profiles",
                column: "ChurnRisk");

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_Cluster",
                table: "Profiles",
                column: "Cluster");

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_ExpectedValue90d",
                table: "Profiles",
                column: "ExpectedValue90d");

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_PropensityModelVersionId",
                table: "Profiles",
                column: "PropensityModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Profiles_PurchasePropensity",
                table: "Profiles",
                column: "PurchasePropensity");

            migrationBuilder.CreateIndex(
                name: "IX_SegmentSnapshots_ComputedAt",
                table: "SegmentSnapshots",
                column: "ComputedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SegmentSnapshots_Kind_Name_ComputedAt",
                table: "SegmentSnapshots",
                columns: new[] { "Kind", "Name", "ComputedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Profiles_ModelVersions_ChurnModelVersionId",
                table: "Profiles",
                column: "ChurnModelVersionId",
                principalTable: "ModelVersions",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Profiles_ModelVersions_PropensityModelVersionId",
                table: "Profiles",
                column: "PropensityModelVersionId",
                principalTable: "ModelVersions",
                principalColumn: "Id");

            migrationBuilder.AddForeignKey(
                name: "FK_Profiles_ModelVersions_ValueModelVersionId",
                table: "Profiles",
                column: "ValueModelVersionId",
                principalTable: "ModelVersions",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Profiles_ModelVersions_ChurnModelVersionId",
                table: "Profiles");

            migrationBuilder.DropForeignKey(
                name: "FK_Profiles_ModelVersions_PropensityModelVersionId",
                table: "Profiles");

            migrationBuilder.DropForeignKey(
                name: "FK_Profiles_ModelVersions_ValueModelVersionId",
                table: "Profiles");

            migrationBuilder.DropTable(
                name: "SegmentSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Profiles_ChurnModelVersionId",
                table: "Profiles");

            migrationBuilder.DropIndex(
                name: "IX_Profiles_ChurnRisk",
                table: "Profiles");

            migrationBuilder.DropIndex(
                name: "IX_Profiles_Cluster",
                table: "Profiles");

            migrationBuilder.DropIndex(
                name: "IX_Profiles_ExpectedValue90d",
                table: "Profiles");

            migrationBuilder.DropIndex(
                name: "IX_Profiles_PropensityModelVersionId",
                table: "Profiles");

            migrationBuilder.DropIndex(
                name: "IX_Profiles_PurchasePropensity",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "ChurnModelVersionId",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "PropensityModelVersionId",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "ScoreExplanations",
                table: "Profiles");

            migrationBuilder.RenameColumn(
                name: "ValueModelVersionId",
                table: "Profiles",
                newName: "ModelVersionId");

            migrationBuilder.RenameIndex(
                name: "IX_Profiles_ValueModelVersionId",
                table: "Profiles",
                newName: "IX_Profiles_ModelVersionId");

            migrationBuilder.AddForeignKey(
                name: "FK_Profiles_ModelVersions_ModelVersionId",
                table: "Profiles",
                column: "ModelVersionId",
                principalTable: "ModelVersions",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }
    }
}
