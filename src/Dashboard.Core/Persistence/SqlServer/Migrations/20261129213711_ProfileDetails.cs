using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.SqlServer.Migrations
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
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DistinctProducts",
                table: "Profiles",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OrdersLast90Days",
                table: "Profiles",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PreferredHour",
                table: "Profiles",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreferredWeekday",
                table: "Profiles",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ReturnRate",
                table: "Profiles",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TenureDays",
                table: "Profiles",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TopCategories",
                table: "Profiles",
                type: "nvarchar(max)",
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
