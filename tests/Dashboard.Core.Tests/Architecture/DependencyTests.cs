using Dashboard.Core.Persistence;
using NetArchTest.Rules;

namespace Dashboard.Core.Tests.Architecture;

/// <summary>Keeps the dependency direction honest: Core knows nothing of hosts, UI or ML runtimes.</summary>
public class DependencyTests
{
    private static readonly Types Core = Types.InAssembly(typeof(DashboardDbContext).Assembly);

    [Theory]
    [InlineData("Dashboard.Web")]
    [InlineData("Dashboard.Cli")]
    // Identity's EF stores (Microsoft.AspNetCore.Identity*) are part of the shared model and allowed;
    // the web stack itself is not.
    [InlineData("Microsoft.AspNetCore.Http")]
    [InlineData("Microsoft.AspNetCore.Builder")]
    [InlineData("Microsoft.AspNetCore.Hosting")]
    [InlineData("Microsoft.AspNetCore.Components")]
    [InlineData("Microsoft.AspNetCore.Mvc")]
    [InlineData("Microsoft.AspNetCore.Authorization")]
    [InlineData("MudBlazor")]
    [InlineData("Spectre.Console")]
    [InlineData("TorchSharp")]
    [InlineData("Microsoft.ML")]
    public void Core_DoesNotDependOn(string dependency)
    {
        var result = Core.ShouldNot().HaveDependencyOn(dependency).GetResult();

        Assert.True(result.IsSuccessful, $"Core types depending on {dependency}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Persistence_DoesNotDependOnFeatureServices()
    {
        // Entities and configurations may be referenced; services, jobs and statistics may not.
        var result = Core.That().ResideInNamespace("Dashboard.Core.Persistence")
            .ShouldNot().HaveDependencyOnAny(
                "Dashboard.Core.Pipeline.PipelineJob",
                "Dashboard.Core.Campaigns.CampaignService",
                "Dashboard.Core.Profiles.ProfileBuilder",
                "Dashboard.Core.Experiments.Statistics")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [InlineData("Dashboard.Core.Profiles")]
    [InlineData("Dashboard.Core.Recommendations")]
    public void LaterStages_ReadOrdersOnlyThroughPreprocessing(string stage)
    {
        // Profiles and models take features, sequences and item counts from Preprocessing, never raw order rows.
        var result = Core.That().ResideInNamespace(stage).ShouldNot().HaveDependencyOn("Dashboard.Core.Orders").GetResult();

        Assert.True(result.IsSuccessful, $"{stage} types reading orders directly: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void Preprocessing_DoesNotDependOnTheStagesItFeeds()
    {
        var result = Core.That().ResideInNamespace("Dashboard.Core.Preprocessing")
            .ShouldNot().HaveDependencyOnAny("Dashboard.Core.Profiles", "Dashboard.Core.Recommendations", "Dashboard.Core.Campaigns")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
