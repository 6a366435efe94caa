using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FunnelIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Exposures_CampaignId_VariantId_Kind",
                table: "Exposures");

            migrationBuilder.CreateIndex(
                name: "IX_Exposures_CampaignId_Kind_CustomerId",
                table: "Exposures",
                columns: new[] { "CampaignId", "Kind", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Exposures_CampaignId_VariantId_Kind_CustomerId",
                table: "Exposures",
                columns: new[] { "CampaignId", "VariantId", "Kind", "CustomerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Events_CampaignId_Type_CustomerId",
                table: "Events",
                columns: new[] { "CampaignId", "Type", "CustomerId" },
                filter: "CampaignId IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Exposures_CampaignId_Kind_CustomerId",
                table: "Exposures");

            migrationBuilder.DropIndex(
                name: "IX_Exposures_CampaignId_VariantId_Kind_CustomerId",
                table: "Exposures");

            migrationBuilder.DropIndex(
                name: "IX_Events_CampaignId_Type_CustomerId",
                table: "Events");

            migrationBuilder.CreateIndex(
                name: "IX_Exposures_CampaignId_VariantId_Kind",
                table: "Exposures",
                columns: new[] { "CampaignId", "VariantId", "Kind" });
        }
    }
}
