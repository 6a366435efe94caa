using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Core.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CampaignDesign : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ChurnRisk",
                table: "PromoListEntries",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ExpectedValue90d",
                table: "PromoListEntries",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ModelVersionId",
                table: "PromoListEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "PurchasePropensity",
                table: "PromoListEntries",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ModelVersionId",
                table: "CampaignVariants",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Budget",
                table: "Campaigns",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CostPerContact",
                table: "Campaigns",
                type: "REAL",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTime>(
                name: "EndsAt",
                table: "Campaigns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Offer_CouponPattern",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "PROMO-{code}");

            migrationBuilder.AddColumn<string>(
                name: "Offer_Discount",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<double>(
                name: "Offer_DiscountValue",
                table: "Campaigns",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "Offer_EligibleCategories",
                table: "Campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Offer_EligibleSkus",
                table: "Campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<double>(
                name: "Offer_MinimumOrder",
                table: "Campaigns",
                type: "REAL",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrimaryMetric",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "ConversionRate");

            migrationBuilder.AddColumn<DateTime>(
                name: "StartsAt",
                table: "Campaigns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Description",
                table: "Audiences",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsSaved",
                table: "Audiences",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAt",
                table: "Audiences",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PromoListEntries_ModelVersionId",
                table: "PromoListEntries",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignVariants_ModelVersionId",
                table: "CampaignVariants",
                column: "ModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Audiences_IsSaved_Name",
                table: "Audiences",
                columns: new[] { "IsSaved", "Name" });

            migrationBuilder.AddForeignKey(
                name: "FK_CampaignVariants_ModelVersions_ModelVersionId",
                table: "CampaignVariants",
                column: "ModelVersionId",
                principalTable: "ModelVersions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_PromoListEntries_ModelVersions_ModelVersionId",
                table: "PromoListEntries",
                column: "ModelVersionId",
                principalTable: "ModelVersions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CampaignVariants_ModelVersions_ModelVersionId",
                table: "CampaignVariants");

            migrationBuilder.DropForeignKey(
                name: "FK_PromoListEntries_ModelVersions_ModelVersionId",
                table: "PromoListEntries");

            migrationBuilder.DropIndex(
                name: "IX_PromoListEntries_ModelVersionId",
                table: "PromoListEntries");

            migrationBuilder.DropIndex(
                name: "IX_CampaignVariants_ModelVersionId",
                table: "CampaignVariants");

            migrationBuilder.DropIndex(
                name: "IX_Audiences_IsSaved_Name",
                table: "Audiences");

            migrationBuilder.DropColumn(
                name: "ChurnRisk",
                table: "PromoListEntries");

            migrationBuilder.DropColumn(
                name: "ExpectedValue90d",
                table: "PromoListEntries");

            migrationBuilder.DropColumn(
                name: "ModelVersionId",
                table: "PromoListEntries");

            migrationBuilder.DropColumn(
                name: "PurchasePropensity",
                table: "PromoListEntries");

            migrationBuilder.DropColumn(
                name: "ModelVersionId",
                table: "CampaignVariants");

            migrationBuilder.DropColumn(
                name: "Budget",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "CostPerContact",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "EndsAt",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Offer_CouponPattern",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Offer_Discount",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Offer_DiscountValue",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Offer_EligibleCategories",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Offer_EligibleSkus",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Offer_MinimumOrder",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "PrimaryMetric",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "StartsAt",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "Description",
                table: "Audiences");

            migrationBuilder.DropColumn(
                name: "IsSaved",
                table: "Audiences");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "Audiences");
        }
    }
}
