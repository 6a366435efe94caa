using System.Globalization;
using System.Text.Json;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Profiles.Scoring;

namespace Dashboard.Learning.Scoring;

/// <summary>
/// Expected net revenue over a horizon as (expected purchase orders, BG/NBD) x (expected order value, Gamma-Gamma) x (1 -
/// the customer's return rate). Unlike a regression it extrapolates each customer's own rhythm and basket, so the largest
/// (wholesale) buyers are not averaged into a leaf. Conventions: the first purchase starts the clock and the repeats are
/// the purchase orders after it (same-day orders count separately); the order value is the average gross order, fitted on
/// customers with at least two orders, as the Gamma-Gamma model expects. Explanations say which of the two parts, and the
/// chance that the customer is still buying, lie above or below the average buyer's (log ratios).
/// </summary>
internal sealed class CustomerValueModel : IFittedScoreModel
{
    /// <summary>The likelihoods are summed over at most this many buyers (an even stride through them): four parameters do not need more.</summary>
    public const int FitSample = 10_000;

    private readonly BgNbd _purchases;
    private readonly GammaGamma _orderValue;
    private readonly int _horizonDays;
    private readonly double _meanOrders;
    private readonly double _meanOrderValue;
    private readonly double _meanAlive;

    private CustomerValueModel(BgNbd purchases, GammaGamma orderValue, int horizonDays, IReadOnlyList<CustomerFeatures> training)
    {
        _purchases = purchases;
        _orderValue = orderValue;
        _horizonDays = horizonDays;
        _meanOrders = training.Average(f => purchases.ExpectedPurchases(History(f), horizonDays));
        _meanOrderValue = training.Average(f => OrderValue(f));
        _meanAlive = training.Average(f => purchases.ProbabilityAlive(History(f)));
    }

    public string Method => "BG/NBD purchase counts x Gamma-Gamma order values x (1 - return rate)";

    public IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        ["r"] = Number(_purchases.R),
        ["alpha"] = Number(_purchases.Alpha),
        ["a"] = Number(_purchases.A),
        ["b"] = Number(_purchases.B),
        ["p"] = Number(_orderValue.P),
        ["q"] = Number(_orderValue.Q),
        ["gamma"] = Number(_orderValue.Gamma),
    };

    public static CustomerValueModel Fit(int horizonDays, IReadOnlyList<ScoreExample> training)
    {
        var buyers = training.Select(e => e.Features).ToList();
        var sample = Stride(buyers, FitSample);
        var purchases = BgNbd.Fit([.. sample.Select(History)]);
        var repeat = sample.Where(f => f.Frequency >= 2 && f.AverageOrderValue > 0).Select(f => (f.Frequency, (double)f.AverageOrderValue!.Value)).ToList();
        var orderValue = repeat.Count >= 2 ? GammaGamma.Fit(repeat) : throw new InvalidOperationException("Fewer than two repeat buyers: order values cannot be modelled.");
        return new CustomerValueModel(purchases, orderValue, horizonDays, buyers);
    }

    public IReadOnlyList<ScorePrediction> Predict(IReadOnlyList<CustomerFeatures> rows, int explanations, CancellationToken cancellationToken) =>
        [.. rows.Select(f =>
        {
            var history = History(f);
            var orders = _purchases.ExpectedPurchases(history, _horizonDays);
            var orderValue = OrderValue(f);
            var value = orders * orderValue * (1 - Math.Clamp(f.ReturnRate ?? 0, 0, 1));
            return new ScorePrediction(value, explanations <= 0 ? [] : Explain(orders, orderValue, _purchases.ProbabilityAlive(history), explanations));
        })];

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(new { Purchases = _purchases, OrderValue = _orderValue, HorizonDays = _horizonDays });

    private List<FeatureContribution> Explain(double orders, double orderValue, double alive, int count) =>
    [
        .. new[]
        {
            new FeatureContribution(ScoreFeatureVector.ExpectedOrders, orders, LogRatio(orders, _meanOrders)),
            new FeatureContribution(ScoreFeatureVector.ExpectedOrderValue, orderValue, LogRatio(orderValue, _meanOrderValue)),
            new FeatureContribution(ScoreFeatureVector.ChanceActive, alive, LogRatio(alive, _meanAlive)),
        }.OrderByDescending(c => Math.Abs(c.Contribution)).Take(count),
    ];

    /// <summary>A one-time buyer's own average says little, so the model's population mean stands in for unfitted extremes.</summary>
    private double OrderValue(CustomerFeatures f)
    {
        var own = Math.Max(0, (double)(f.AverageOrderValue ?? 0));
        var expected = _orderValue.ExpectedOrderValue(f.Frequency, own);
        return double.IsFinite(expected) && expected > 0 ? expected : own;
    }

    private static PurchaseHistory History(CustomerFeatures f) =>
        new(f.Frequency - 1, (f.LastPurchaseAt!.Value - f.FirstPurchaseAt!.Value).TotalDays, (f.Cutoff - f.FirstPurchaseAt.Value).TotalDays);

    private static double LogRatio(double value, double mean) => Math.Log(Math.Max(value, 1e-9) / Math.Max(mean, 1e-9));

    private static List<CustomerFeatures> Stride(List<CustomerFeatures> rows, int max)
    {
        if (rows.Count <= max)
        {
            return rows;
        }

        var step = (double)rows.Count / max;
        return [.. Enumerable.Range(0, max).Select(i => rows[(int)(i * step)])];
    }

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
