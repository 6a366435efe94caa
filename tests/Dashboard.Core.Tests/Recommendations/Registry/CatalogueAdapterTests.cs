using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Core.Recommendations.Registry;
using static Dashboard.Core.Tests.Recommendations.Baselines.TinyTrainingSet;

namespace Dashboard.Core.Tests.Recommendations.Registry;

public sealed class CatalogueAdapterTests
{
    [Fact]
    public void AModelFittedOnOldProducts_ScoresANewCatalogueByProductId_AndRanksUnseenProductsLast()
    {
        // Fitted on products 10, 20, 30; tonight's catalogue is 20, 30, 40.
        var model = new RepeatRecommender();
        model.Fit(Of(3, History(1, (Day(5, 1), [0, 1]), (Day(5, 20), [1, 2]))));
        var tonight = new ItemIndex([20, 30, 40]);

        var adapted = CatalogueAdapter.Over(model, tonight);
        var scores = new float[3];
        adapted.Score(new CustomerHistory(1, [new Interaction(0, Day(5, 25), 0)]), scores); // bought product 20

        var direct = Scores(model, new CustomerHistory(1, [new Interaction(1, Day(5, 25), 0)]), 3);
        Assert.Equal([direct[1], direct[2], float.NegativeInfinity], scores);
        Assert.Same(model, CatalogueAdapter.Over(model, new ItemIndex([10, 20, 30])));
    }
}
