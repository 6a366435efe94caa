using Dashboard.Core.Recommendations.Recommenders;
using Microsoft.Extensions.DependencyInjection;
using static Dashboard.Core.Tests.Recommendations.Baselines.TinyTrainingSet;

namespace Dashboard.Core.Tests.Recommendations.Baselines;

/// <summary>A saved baseline loads back into a model that ranks exactly as the fitted one did, through the catalogue.</summary>
public sealed class BaselineArtifactTests
{
    private const int ItemCount = 6;

    public static TheoryData<string> Baselines => [PopularityRecommender.ModelName, ItemKnnRecommender.ModelName, RepeatRecommender.ModelName];

    [Theory]
    [MemberData(nameof(Baselines))]
    public void FitSaveLoad_ScoresIdentically(string name)
    {
        var catalog = Catalog();
        var data = Of(ItemCount,
            History(1, (Day(5, 1), [0, 1]), (Day(5, 20), [1, 2, 2])),
            History(2, (Day(5, 10), [1, 3]), (Day(5, 28), [4])),
            History(3, (Day(4, 2), [5]), (Day(5, 25), [0, 3, 5])));
        var fitted = catalog.Create(name);
        fitted.Fit(data);

        var loaded = catalog.Load(name, fitted.Save());

        Assert.Equal(fitted.GetType(), loaded.GetType());
        Assert.Equal(data.Items.ProductIds, loaded.Items!.ProductIds);
        foreach (var history in data.Histories.Append(CustomerHistory.Empty(99)).Append(History(4, (Day(5, 30), [3, 0]))))
        {
            Assert.Equal(Scores(fitted, history, ItemCount), Scores(loaded, history, ItemCount));
        }
    }

    [Fact]
    public void Load_RefusesAnotherFamilysArtifact_AndSaveRefusesAnUnfittedModel()
    {
        var catalog = Catalog();
        var popularity = new PopularityRecommender();
        Assert.Throws<InvalidOperationException>(() => popularity.Save());
        popularity.Fit(Of(ItemCount, History(1, (Day(5, 1), [0, 1]))));

        var error = Assert.Throws<InvalidDataException>(() => catalog.Load(RepeatRecommender.ModelName, popularity.Save()));

        Assert.Contains("popularity", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => catalog.Load(PopularityRecommender.ModelName, [1, 2, 3]));
    }

    private static RecommenderCatalog Catalog() =>
        new ServiceCollection().AddRecommenders().BuildServiceProvider().GetRequiredService<RecommenderCatalog>();
}
