using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Catalog;
using Dashboard.Core.Customers;
using Dashboard.Core.Events;
using Dashboard.Core.Experiments;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Models;
using Dashboard.Core.Orders;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Privacy;
using Dashboard.Core.Profiles;
using Dashboard.Core.Security;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Core.Persistence;

/// <summary>
/// The one model of the product. Feature code only sees this base class; each provider has a derived
/// context with its own migrations (<see cref="SqliteDashboardDbContext"/>, <see cref="SqlServerDashboardDbContext"/>).
/// The sign-in users and roles (ASP.NET Core Identity) live in the same database, so one backup holds everything.
/// </summary>
public abstract class DashboardDbContext(DbContextOptions options) : IdentityDbContext<DashboardUser>(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<BehaviorEvent> Events => Set<BehaviorEvent>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<ImportRejectedRow> ImportRejectedRows => Set<ImportRejectedRow>();
    public DbSet<ImportRuleCount> ImportRuleCounts => Set<ImportRuleCount>();
    public DbSet<ErasedIdentifier> ErasedIdentifiers => Set<ErasedIdentifier>();
    public DbSet<CustomerProfile> Profiles => Set<CustomerProfile>();
    public DbSet<Segment> Segments => Set<Segment>();
    public DbSet<SegmentSnapshot> SegmentSnapshots => Set<SegmentSnapshot>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignVariant> CampaignVariants => Set<CampaignVariant>();
    public DbSet<Audience> Audiences => Set<Audience>();
    public DbSet<PromoListEntry> PromoListEntries => Set<PromoListEntry>();
    public DbSet<PromoListItem> PromoListItems => Set<PromoListItem>();
    public DbSet<Exposure> Exposures => Set<Exposure>();
    public DbSet<Conversion> Conversions => Set<Conversion>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<TrainingRun> TrainingRuns => Set<TrainingRun>();
    public DbSet<PipelineRun> PipelineRuns => Set<PipelineRun>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DashboardSetting> Settings => Set<DashboardSetting>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }
}
