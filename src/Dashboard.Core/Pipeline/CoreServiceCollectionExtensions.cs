using Dashboard.Core.Campaigns.Audiences;
using Dashboard.Core.Campaigns;
using Dashboard.Core.Events;
using Dashboard.Core.Experiments;
using Dashboard.Core.Experiments.Outcomes;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Privacy;
using Dashboard.Core.Profiles;
using Dashboard.Core.Profiles.Scoring;
using Dashboard.Core.Recommendations;
using Dashboard.Core.Recommendations.Evaluation;
using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Core.Pipeline;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The pipeline's services and jobs; hosts add persistence and a Hangfire storage.</summary>
    public static IServiceCollection AddPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<CustomerFeatureBuilder>();
        services.AddTransient<PurchaseSequences>();
        services.AddTransient<CustomerScorer>();
        services.AddTransient<ProfileBuilder>();
        services.AddRecommenders();
        services.AddTransient<TemporalSplitLoader>();
        services.AddOptions<Recommendations.Registry.RecommenderOptions>().BindConfiguration(Recommendations.Registry.RecommenderOptions.Section);
        services.AddTransient<Recommendations.Registry.RecommenderRegistry>();
        services.AddTransient<Recommendations.Registry.RecommenderTrainingJob>();
        services.AddSingleton<Recommendations.Registry.TrainingGate>();
        services.AddTransient<Recommendations.Registry.ServingRefit>();
        services.AddTransient<Recommendations.Registry.ChampionRefitJob>();
        services.AddTransient<Recommendations.Registry.ArtifactRetention>();
        services.AddTransient<Recommendations.Registry.IRecommenderPins, Campaigns.CampaignRecommenderPins>();
        services.AddTransient<Recommendations.Registry.TrainingSchedule>();
        services.AddOptions<Recommendations.Serving.ServingOptions>().BindConfiguration(Recommendations.Serving.ServingOptions.Section);
        services.AddSingleton<Recommendations.Serving.ChampionRecommender>();
        services.AddSingleton<Recommendations.Serving.ServingCatalogue>();
        services.AddSingleton<Recommendations.Serving.ServingReadContexts>();
        services.AddTransient<Recommendations.Serving.RecommendationServing>();
        services.AddTransient<ConversionAttributor>();
        services.AddTransient<AttributionJob>();
        services.AddTransient<AttributionScheduler>();
        services.AddTransient<ExperimentAggregates>();
        services.AddTransient<Experiments.Reports.CampaignAnalysis>();
        services.AddTransient<CampaignService>();
        services.AddTransient<AudienceEstimator>();
        services.AddTransient<SavedAudiences>();
        services.AddTransient<Dashboard.Core.Campaigns.Exports.AdAudienceExport>();
        services.AddTransient<Dashboard.Core.Campaigns.Exports.ContactListExport>();
        services.AddTransient<CampaignLaunchJob>();
        services.AddTransient<CampaignEndJob>();
        services.AddTransient<Campaigns.Validation.CampaignReadiness>();
        services.AddTransient<CampaignQueries>();
        services.AddTransient<Dashboard.Core.Campaigns.Budget.SegmentUpliftEstimates>();
        services.AddTransient<Demo.DemoOutcomeSimulator>();
        services.AddTransient<Demo.DemoCampaign>();
        services.AddTransient<PipelineJob>();
        services.AddTransient<PipelineScheduler>();
        services.AddTransient<AuditLog>();
        services.AddTransient<CustomerDataExporter>();
        services.AddTransient<CustomerEraser>();
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section);
        services.AddSingleton<ApiKeyVerificationCache>();
        services.AddTransient<ApiKeyService>();
        services.AddTransient<EventBatchIngestor>();
        services.AddTransient<AudienceMembers>();
        services.AddIngestion();
        return services;
    }
}
