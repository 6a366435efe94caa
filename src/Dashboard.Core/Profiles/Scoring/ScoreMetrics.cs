namespace Dashboard.Core.Profiles.Scoring;

/// <summary>
/// The held-out metrics of the scores, computed here rather than by the ML library so that a model and its baseline are
/// measured by the same code whatever fitted them. Definitions follow scikit-learn: ROC AUC with tied scores counted as
/// half (the Mann-Whitney U statistic), log loss in natural logarithms with probabilities clipped to [1e-15, 1 - 1e-15].
/// </summary>
public static class ScoreMetrics
{
    private const double Epsilon = 1e-15;

    /// <summary>Area under the ROC curve: the chance that a random positive scores above a random negative. NaN with one class only.</summary>
    public static double Auc(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual)
    {
        Check(predicted, actual.Count);
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        double positives = actual.Count(a => a), negatives = actual.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Sum of the positives' ranks, tied scores sharing their average rank.
        var rankSum = 0.0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && predicted[order[end + 1]] == predicted[order[start]])
            {
                end++;
            }

            var averageRank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                if (actual[order[i]])
                {
                    rankSum += averageRank;
                }
            }

            start = end + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    public static double LogLoss(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual)
    {
        Check(predicted, actual.Count);
        var sum = 0.0;
        for (var i = 0; i < predicted.Count; i++)
        {
            var p = Math.Clamp(predicted[i], Epsilon, 1 - Epsilon);
            sum -= actual[i] ? Math.Log(p) : Math.Log(1 - p);
        }

        return sum / predicted.Count;
    }

    /// <summary>
    /// Predicted against observed rates in <paramref name="bins"/> equal-width probability bins ([0, 0.1), ..., [0.9, 1]);
    /// empty bins are left out. A calibrated model's bins lie on the diagonal.
    /// </summary>
    public static IReadOnlyList<CalibrationBin> Calibration(IReadOnlyList<double> predicted, IReadOnlyList<bool> actual, int bins = 10)
    {
        Check(predicted, actual.Count);
        return Enumerable.Range(0, predicted.Count)
            .GroupBy(i => Math.Min(bins - 1, (int)Math.Floor(predicted[i] * bins)))
            .OrderBy(g => g.Key)
            .Select(g => new CalibrationBin(
                (double)g.Key / bins, (double)(g.Key + 1) / bins, g.Count(),
                g.Average(i => predicted[i]), g.Average(i => actual[i] ? 1.0 : 0.0)))
            .ToList();
    }

    public static double RootMeanSquaredError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        Check(predicted, actual.Count);
        return Math.Sqrt(predicted.Select((p, i) => (p - actual[i]) * (p - actual[i])).Average());
    }

    public static double MeanAbsoluteError(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        Check(predicted, actual.Count);
        return predicted.Select((p, i) => Math.Abs(p - actual[i])).Average();
    }

    /// <summary>Sum of predictions over sum of actuals: 1 means the total (e.g. next quarter's revenue) is right.</summary>
    public static double TotalRatio(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        Check(predicted, actual.Count);
        var total = actual.Sum();
        return total == 0 ? double.NaN : predicted.Sum() / total;
    }

    private static void Check(IReadOnlyList<double> predicted, int actualCount)
    {
        if (predicted.Count != actualCount)
        {
            throw new ArgumentException($"{predicted.Count} predictions for {actualCount} outcomes.", nameof(predicted));
        }

        if (predicted.Count == 0)
        {
            throw new ArgumentException("No predictions to measure.", nameof(predicted));
        }
    }
}

/// <summary>One bin of a calibration table: predictions in [<see cref="From"/>, <see cref="To"/>), how many, their mean and the observed rate.</summary>
public sealed record CalibrationBin(double From, double To, int Count, double MeanPredicted, double ObservedRate);
