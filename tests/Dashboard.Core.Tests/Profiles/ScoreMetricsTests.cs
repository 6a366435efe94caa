using Dashboard.Core.Profiles.Scoring;

namespace Dashboard.Core.Tests.Profiles;

/// <summary>Reference values from scikit-learn's documentation and hand computation.</summary>
public sealed class ScoreMetricsTests
{
    [Fact]
    public void Auc_MatchesScikitLearnDocumentationExample()
    {
        // sklearn.metrics.roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        Assert.Equal(0.75, ScoreMetrics.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true]), 12);
    }

    [Fact]
    public void Auc_CountsTiedPairsAsHalf()
    {
        // Positive 0.5 against negatives 0.5 and 0.5: two half-pairs; positive 0.9 beats both: 3 of 4 pairs.
        Assert.Equal(0.75, ScoreMetrics.Auc([0.5, 0.5, 0.5, 0.9], [false, true, false, true]), 12);
    }

    [Fact]
    public void Auc_IsOneForAPerfectRankingAndNaNWithOneClass()
    {
        Assert.Equal(1.0, ScoreMetrics.Auc([0.1, 0.2, 0.8, 0.9], [false, false, true, true]), 12);
        Assert.Equal(0.0, ScoreMetrics.Auc([0.9, 0.8, 0.2, 0.1], [false, false, true, true]), 12);
        Assert.True(double.IsNaN(ScoreMetrics.Auc([0.1, 0.2], [true, true])));
    }

    [Fact]
    public void LogLoss_MatchesScikitLearnDocumentationExample()
    {
        // sklearn.metrics.log_loss(["spam", "ham", "ham", "spam"], [[.1, .9], [.9, .1], [.8, .2], [.35, .65]]) == 0.21616...
        var expected = -(Math.Log(0.9) + Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.65)) / 4;
        Assert.Equal(0.21616, ScoreMetrics.LogLoss([0.9, 0.1, 0.2, 0.65], [true, false, false, true]), 5);
        Assert.Equal(expected, ScoreMetrics.LogLoss([0.9, 0.1, 0.2, 0.65], [true, false, false, true]), 12);
    }

    [Fact]
    public void LogLoss_ClipsCertainWrongPredictions()
    {
        // A certain, wrong prediction costs -ln(1e-15) = 34.54 instead of infinity.
        Assert.Equal(-Math.Log(1e-15), ScoreMetrics.LogLoss([0.0], [true]), 6);
    }

    [Fact]
    public void Calibration_GroupsPredictionsIntoTenthsAndLeavesEmptyBinsOut()
    {
        var bins = ScoreMetrics.Calibration([0.05, 0.15, 0.12, 0.95, 1.0], [false, true, false, true, true]);

        Assert.Collection(bins,
            b => Assert.Equal((0.0, 0.1, 1, 0.05, 0.0), (b.From, b.To, b.Count, b.MeanPredicted, b.ObservedRate)),
            b => Assert.Equal((0.1, 0.2, 2, 0.135, 0.5), (b.From, b.To, b.Count, Math.Round(b.MeanPredicted, 12), b.ObservedRate)),
            b => Assert.Equal((0.9, 1.0, 2, 0.975, 1.0), (b.From, b.To, b.Count, b.MeanPredicted, b.ObservedRate)));
    }

    [Fact]
    public void RegressionErrors_MatchHandComputedValues()
    {
        double[] predicted = [10, 0, 30];
        double[] actual = [20, 0, 20];

        Assert.Equal(Math.Sqrt(200.0 / 3), ScoreMetrics.RootMeanSquaredError(predicted, actual), 12);
        Assert.Equal(20.0 / 3, ScoreMetrics.MeanAbsoluteError(predicted, actual), 12);
        Assert.Equal(1.0, ScoreMetrics.TotalRatio(predicted, actual), 12);
    }

    [Fact]
    public void Metrics_RejectMismatchedLengths()
    {
        Assert.Throws<ArgumentException>(() => ScoreMetrics.Auc([0.1], [true, false]));
        Assert.Throws<ArgumentException>(() => ScoreMetrics.RootMeanSquaredError([], []));
    }
}
