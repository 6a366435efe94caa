using Dashboard.Core.Persistence;
using Dashboard.Core.Pipeline;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles;
using Dashboard.Core.Recommendations.Registry;
using Dashboard.Core.Recommendations.Serving;
using Dashboard.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Pipeline;

public sealed class AddPipelineTests : IDisposable
{
    private readonly SqliteTestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Theory]
    [InlineData(typeof(CustomerFeatureBuilder))]
    [InlineData(typeof(PurchaseSequences))]
    [InlineData(typeof(ProfileBuilder))]
    [InlineData(typeof(PipelineJob))]
    [InlineData(typeof(RecommendationServing))]
    [InlineData(typeof(RecommenderTrainingJob))]
    public void AddPipeline_ResolvesTheStagesAndTheirPreprocessing(Type service)
    {
        using var provider = new ServiceCollection()
            .AddSingleton<IDbContextFactory<DashboardDbContext>>(_db)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddLogging()
            .AddPipeline()
            .BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredService(service));
    }
}
