using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProfileDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AverageOrderValue",
                table: "Profiles",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DistinctProducts",
                table: "Profiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OrdersLast90Days",
                table: "Profiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PreferredHour",
                table: "Profiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreferredWeekday",
                table: "Profiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ReturnRate",
                table: "Profiles",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TenureDays",
                table: "Profiles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TopCategories",
                table: "Profiles",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AverageOrderValue",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "DistinctProducts",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "OrdersLast90Days",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "PreferredHour",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "PreferredWeekday",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "ReturnRate",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "TenureDays",
                table: "Profiles");

            migrationBuilder.DropColumn(
                name: "TopCategories",
                table: "Profiles");
        }
    }
}
