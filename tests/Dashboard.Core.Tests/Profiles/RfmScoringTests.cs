using Dashboard.Core.Profiles;

namespace Dashboard.Core.Tests.Profiles;

public class RfmScoringTests
{
    [Fact]
    public void Score_GivesQuintilesComputedByHand_WhenFiveDistinctCustomers()
    {
        // Five customers: each fifth holds one of them, so scores are 1..5 in order.
        RfmInput[] customers =
        [
            new(1, RecencyDays: 1, Frequency: 10, Monetary: 500),
            new(2, RecencyDays: 10, Frequency: 5, Monetary: 400),
            new(3, RecencyDays: 30, Frequency: 3, Monetary: 300),
            new(4, RecencyDays: 90, Frequency: 2, Monetary: 200),
            new(5, RecencyDays: 300, Frequency: 1, Monetary: 100),
        ];

        var scores = RfmScoring.Score(customers).ToDictionary(s => s.CustomerId);

        Assert.Equal((5, 5, 5, "Champions"), (scores[1].Recency, scores[1].Frequency, scores[1].Monetary, scores[1].Segment));
        Assert.Equal((4, 4, 4, "Loyal"), (scores[2].Recency, scores[2].Frequency, scores[2].Monetary, scores[2].Segment));
        Assert.Equal((3, 3, 3, "Need Attention"), (scores[3].Recency, scores[3].Frequency, scores[3].Monetary, scores[3].Segment));
        Assert.Equal((2, 2, 2, "Hibernating"), (scores[4].Recency, scores[4].Frequency, scores[4].Monetary, scores[4].Segment));
        Assert.Equal((1, 1, 1, "Lost"), (scores[5].Recency, scores[5].Frequency, scores[5].Monetary, scores[5].Segment));
    }

    [Fact]
    public void Score_GivesTiesTheSameScore_WhenFrequenciesAreEqual()
    {
        // Frequencies 1,1,1,1,2,2,3,3,3,9 (n=10): strictly-lower counts 0,0,0,0,4,4,6,6,6,9
        // -> scores 1+floor(5*k/10): 1,1,1,1,3,3,4,4,4,5.
        int[] frequencies = [1, 1, 1, 1, 2, 2, 3, 3, 3, 9];
        var customers = frequencies.Select((f, i) => new RfmInput(i, RecencyDays: 10, Frequency: f, Monetary: 10)).ToList();

        var scores = RfmScoring.Score(customers).Select(s => s.Frequency).ToArray();

        Assert.Equal([1, 1, 1, 1, 3, 3, 4, 4, 4, 5], scores);
    }

    [Fact]
    public void Score_GivesTheMostRecentBuyerTheHighestRecencyScore_WhenRecencyDiffers()
    {
        RfmInput[] customers = [new(1, 100, 1, 10), new(2, 5, 1, 10), new(3, 50, 1, 10), new(4, 5, 1, 10)];

        var recency = RfmScoring.Score(customers).ToDictionary(s => s.CustomerId, s => s.Recency);

        // Strictly-worse (older) counts: c1 0, c2 2, c3 1, c4 2 -> 1 + floor(5k/4) = 1, 3, 2, 3.
        Assert.Equal(1, recency[1]);
        Assert.Equal(3, recency[2]);
        Assert.Equal(2, recency[3]);
        Assert.Equal(3, recency[4]);
    }

    [Theory]
    [InlineData(5, 5, "Champions")]
    [InlineData(5, 4, "Champions")]
    [InlineData(4, 5, "Loyal")]
    [InlineData(3, 4, "Loyal")]
    [InlineData(5, 2, "Potential Loyalist")]
    [InlineData(4, 3, "Potential Loyalist")]
    [InlineData(5, 1, "New")]
    [InlineData(4, 1, "Promising")]
    [InlineData(3, 3, "Need Attention")]
    [InlineData(3, 2, "About to Sleep")]
    [InlineData(3, 1, "About to Sleep")]
    [InlineData(2, 3, "At Risk")]
    [InlineData(1, 4, "At Risk")]
    [InlineData(1, 5, "Can't Lose Them")]
    [InlineData(2, 5, "Can't Lose Them")]
    [InlineData(2, 2, "Hibernating")]
    [InlineData(1, 2, "Hibernating")]
    [InlineData(1, 1, "Lost")]
    public void SegmentOf_FollowsTheStandardRfMap(int recency, int frequency, string expected) =>
        Assert.Equal(expected, RfmScoring.SegmentOf(recency, frequency));

    [Fact]
    public void SegmentOf_CoversEveryNamedSegment_OverAllScoreCombinations()
    {
        var reached = (from r in Enumerable.Range(1, 5) from f in Enumerable.Range(1, 5) select RfmScoring.SegmentOf(r, f)).ToHashSet();

        var named = RfmScoring.Segments.Select(s => s.Name).Where(n => n != RfmScoring.Prospect);
        Assert.Equal(named.Order(), reached.Order());
    }

    [Fact]
    public void Score_ReturnsEmpty_WhenNoCustomers() => Assert.Empty(RfmScoring.Score([]));
}
