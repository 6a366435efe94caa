using System.Globalization;
using MathNet.Numerics.Statistics;

namespace Dashboard.Core.Ingestion;

/// <summary>
/// A robust outlier rule for positive, long-tailed values such as prices and quantities. On the log scale, a value is
/// an outlier when it lies more than <see cref="Threshold"/> robust standard deviations from the median, the robust
/// standard deviation being 1.4826 × the median absolute deviation (MAD), i.e. |ln x − median| > 5 × 1.4826 × MAD.
/// The log scale makes the rule about ratios (a price ten times the typical one), which suits money and counts; the
/// threshold of 5 rather than the textbook 3.5 (Iglewicz and Hoaglin) is because real order lines are long-tailed: at
/// 3.5 the UCI file would flag ordinary furniture and wholesale packs, at 5 it flags postage, fees, manual adjustments
/// and typing errors (quantities of 80,995). Median and MAD come from a reservoir sample (Vitter's algorithm R, fixed
/// seed) of at most <see cref="SampleSize"/> values, so memory is fixed whatever the file size and the result is
/// repeatable. With fewer than <see cref="MinimumSample"/> values, or a MAD of zero, the rule flags nothing.
/// </summary>
internal sealed class LogMadOutlierRule(string name)
{
    public const double Threshold = 5;
    public const int SampleSize = 100_000;
    public const int MinimumSample = 30;

    /// <summary>MAD × 1.4826 estimates the standard deviation for normally distributed data.</summary>
    private const double MadToSigma = 1.4826;

    private readonly List<double> _sample = [];
    private readonly Random _random = new(352);
    private long _seen;

    public bool Active { get; private set; }
    public double Median { get; private set; }
    public double Low { get; private set; }
    public double High { get; private set; }

    public void Observe(double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            return;
        }

        var log = Math.Log(value);
        if (_sample.Count < SampleSize)
        {
            _sample.Add(log);
        }
        else
        {
            var slot = _random.NextInt64(_seen + 1);
            if (slot < SampleSize)
            {
                _sample[(int)slot] = log;
            }
        }

        _seen++;
    }

    public void Complete()
    {
        if (_sample.Count < MinimumSample)
        {
            return;
        }

        var values = _sample.ToArray();
        _sample.Clear();
        _sample.TrimExcess();
        var median = ArrayStatistics.MedianInplace(values);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Math.Abs(values[i] - median);
        }

        var mad = ArrayStatistics.MedianInplace(values);
        if (mad <= 0)
        {
            return;
        }

        var spread = Threshold * MadToSigma * mad;
        Median = Math.Exp(median);
        Low = Math.Exp(median - spread);
        High = Math.Exp(median + spread);
        Active = true;
    }

    public bool IsOutlier(double value) => Active && (value < Low || value > High);

    public string Describe(double value) => string.Create(CultureInfo.InvariantCulture,
        $"{name} {value:0.###} is far from the typical {name} of this file (median {Median:0.###}): the outlier rule " +
        $"(more than {Threshold} robust standard deviations from the median, on a log scale) expects {Low:0.###} to {High:0.###}.");
}
