using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "PreRevenue",
                table: "PromoListEntries",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "Segment",
                table: "PromoListEntries",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            // Existing entries get what the launch now writes: the segment and country as they are (the closest to launch
            // there is) and the purchase revenue in [launch - window, launch), the period the report used; before the
            // index, which is then built once. Dates are EF's text, the start computed as EF translates AddDays.
            migrationBuilder.Sql("""
                UPDATE "PromoListEntries" SET
                    "Country" = (SELECT c."Country" FROM "Customers" AS c WHERE c."Id" = "PromoListEntries"."CustomerId"),
                    "Segment" = (SELECT p."Segment" FROM "Profiles" AS p WHERE p."CustomerId" = "PromoListEntries"."CustomerId"),
                    "PreRevenue" = COALESCE((
                        SELECT SUM(CAST(o."Total" AS REAL))
                        FROM "Orders" AS o
                        INNER JOIN "Campaigns" AS k ON k."Id" = "PromoListEntries"."CampaignId"
                        WHERE o."CustomerId" = "PromoListEntries"."CustomerId" AND o."Kind" = 'Purchase'
                            AND o."PlacedAt" >= rtrim(rtrim(strftime('%Y-%m-%d %H:%M:%f', k."LaunchedAt", CAST(-k."AttributionWindowDays" AS TEXT) || ' days'), '0'), '.')
                            AND o."PlacedAt" < k."LaunchedAt"), 0.0);
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
