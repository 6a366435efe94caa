using Dashboard.Core.Recommendations.Recommenders;
using static Dashboard.Core.Tests.Recommendations.Baselines.TinyTrainingSet;

namespace Dashboard.Core.Tests.Recommendations.Baselines;

public sealed class PopularityRecommenderTests
{
    [Fact]
    public void Score_CountsDistinctBasketsPerItem_InTheWindowBeforeTheCutoff()
    {
        // Cut-off 06-01, 30-day window [05-02, 06-01).
        var data = Of(4,
            History(1, (Day(4, 1), [0, 1]), (Day(5, 20), [1, 1, 2])), // 04-01 is outside; item 1 twice in one basket counts once
            History(2, (Day(5, 10), [2]), (Day(5, 31), [1, 3])),
            History(3, (new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc), [3])));    // the window's first instant is inside
        var model = new PopularityRecommender(windowDays: 30);

        model.Fit(data);
        var scores = Scores(model, CustomerHistory.Empty(9), 4);

        // item 0: none in the window; item 1: baskets 1/1 and 2/1; item 2: 1/1 and 2/0; item 3: 2/1 and 3/0.
        Assert.Equal([0f, 2f, 2f, 2f], scores);
        Assert.Equal([1, 2, 3, 0], Ranked(scores));
    }

    [Fact]
    public void Score_IsTheSameForEveryCustomer()
    {
        var data = Of(2, History(1, (Day(5, 20), [1])));
        var model = new PopularityRecommender();
        model.Fit(data);

        Assert.Equal(Scores(model, CustomerHistory.Empty(1), 2), Scores(model, data.Histories[0], 2));
    }

    [Fact]
    public void Score_Throws_WhenTheVectorDoesNotMatchTheCatalogue()
    {
        var model = new PopularityRecommender();
        model.Fit(Of(3, History(1, (Day(5, 20), [1]))));

        Assert.Throws<ArgumentException>(() => Scores(model, CustomerHistory.Empty(1), 2));
    }
}
