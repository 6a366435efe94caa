using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PromoListSnapshot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoListEntries_CampaignId_VariantId",
                table: "PromoListEntries");

            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "PromoListEntries",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "PreRevenue",
                table: "PromoListEntries",
                type: "float",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "Segment",
                table: "PromoListEntries",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            // Existing entries get what the launch now writes: the segment and country as they are (the closest to launch
            // there is) and the purchase revenue in [launch - window, launch), the period the report used; before the
            // index, which is then built once.
            migrationBuilder.Sql("""
                UPDATE e SET
                    e.[Country] = c.[Country],
                    e.[Segment] = p.[Segment],
                    e.[PreRevenue] = COALESCE((
                        SELECT SUM(CAST(o.[Total] AS float))
                        FROM [Orders] AS o
                        WHERE o.[CustomerId] = e.[CustomerId] AND o.[Kind] = N'Purchase'
                            AND o.[PlacedAt] >= DATEADD(day, -k.[AttributionWindowDays], k.[LaunchedAt])
                            AND o.[PlacedAt] < k.[LaunchedAt]), 0.0)
                FROM [PromoListEntries] AS e
                INNER JOIN [Customers] AS c ON c.[Id] = e.[CustomerId]
                INNER JOIN [Campaigns] AS k ON k.[Id] = e.[CampaignId]
                LEFT JOIN [Profiles] AS p ON p.[CustomerId] = e.[CustomerId];
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PromoListEntries_CampaignId_VariantId_Segment_Country_PreRevenue",
                table: "PromoListEntries",
                columns: new[] { "CampaignId", "VariantId", "Segment", "Country", "PreRevenue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PromoListEntries_CampaignId_VariantId_Segment_Country_PreRevenue",
                table: "PromoListEntries");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "PromoListEntries");

            migrationBuilder.DropColumn(
                name: "PreRevenue",
                table: "PromoListEntries");

            migrationBuilder.DropColumn(
                name: "Segment",
                table: "PromoListEntries");

            migrationBuilder.CreateIndex(
                name: "IX_PromoListEntries_CampaignId_VariantId",
                table: "PromoListEntries",
                columns: new[] { "CampaignId", "VariantId" });
        }
    }
}
