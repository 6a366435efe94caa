using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ServingRefit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "ServingArtifact",
                table: "ModelVersions",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ServingDataTo",
                table: "ModelVersions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ServingArtifact",
                table: "ModelVersions");

            migrationBuilder.DropColumn(
                name: "ServingDataTo",
                table: "ModelVersions");
        }
    }
}
