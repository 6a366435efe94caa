using Dashboard.Core.Recommendations.Recommenders;
using Dashboard.Learning.Sequences;

namespace Dashboard.Learning.Tests.Sequences;

public class RepeatMemoryTests
{
    /// <summary>The repeat side starts from the repeat baseline's ranking only if its first feature is that baseline's score.</summary>
    [Fact]
    public void Describe_StartsEachOwnItemFromTheRepeatBaselinesScore()
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        (int Item, int Basket)[] lines = [(3, 0), (5, 0), (3, 1), (3, 1), (7, 2), (5, 3), (3, 4), (9, 4)];
        var history = new CustomerHistory(1, [.. lines.Select(l => new Interaction(l.Item, start.AddDays(l.Basket), l.Basket))]);
        var baseline = new RepeatRecommender();
        baseline.Fit(new RecommenderTrainingSet(new ItemIndex(Enumerable.Range(100, 12)), [history], start.AddDays(10)));
        var expected = new float[12];
        baseline.Score(history, expected);

        var described = NextBasketExample.AtEnd(BasketTimeline.Of(history, 12), new SequenceModelOptions()).Repeat;

        Assert.Equal([3, 5, 9, 7], described.Items); // w = 2.57, 1.69, 1, 0.87
        for (var i = 0; i < described.Items.Length; i++)
        {
            Assert.Equal(expected[described.Items[i]], MathF.Exp(described.Features[i * RepeatCandidates.PerItem]), 4);
        }
    }
}
