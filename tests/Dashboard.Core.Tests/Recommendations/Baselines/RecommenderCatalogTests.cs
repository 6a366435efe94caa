using Dashboard.Core.Recommendations.Recommenders;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Core.Tests.Recommendations.Baselines;

public sealed class RecommenderCatalogTests
{
    [Fact]
    public void AddRecommenders_RegistersTheBaselines_AndAnotherAssemblyCanAddItsOwn()
    {
        var services = new ServiceCollection().AddRecommenders();
        services.AddRecommender(RepeatRecommender.ModelName + "-slow", "A stand-in for a sequence model.", _ => new Renamed(RepeatRecommender.ModelName + "-slow"), _ => new Renamed(RepeatRecommender.ModelName + "-slow"));
        using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<RecommenderCatalog>();

        Assert.Equal(["popularity", "itemknn", "repeat", "repeat-slow"], catalog.Names);
        Assert.IsType<ItemKnnRecommender>(catalog.Create("ItemKNN"));
        Assert.NotSame(catalog.Create("repeat"), catalog.Create("repeat"));
    }

    [Fact]
    public void Create_NamesTheKnownModels_WhenTheNameIsUnknown()
    {
        var catalog = new RecommenderCatalog([new RecommenderRegistration("popularity", "", () => new PopularityRecommender(), PopularityRecommender.Load)]);

        var error = Assert.Throws<ArgumentException>(() => catalog.Create("gru4rec"));

        Assert.Contains("known: popularity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_RefusesTwoModelsOfTheSameName_AndAModelThatCallsItselfOtherwise()
    {
        Assert.Throws<InvalidOperationException>(() => new RecommenderCatalog(
        [
            new RecommenderRegistration("repeat", "", () => new RepeatRecommender(), RepeatRecommender.Load),
            new RecommenderRegistration("Repeat", "", () => new RepeatRecommender(), RepeatRecommender.Load),
        ]));
        var misnamed = new RecommenderCatalog([new RecommenderRegistration("sasrec", "", () => new RepeatRecommender(), RepeatRecommender.Load)]);
        Assert.Throws<InvalidOperationException>(() => misnamed.Create("sasrec"));
    }

    private sealed class Renamed(string name) : IRecommender
    {
        public string Name => name;

        public void Fit(RecommenderTrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        {
        }

        public void Score(CustomerHistory history, Span<float> scores) => scores.Clear();

        public ItemIndex? Items => null;

        public byte[] Save() => [];
    }
}
