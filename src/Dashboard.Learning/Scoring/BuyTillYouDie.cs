using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Dashboard.Learning.Scoring;

/// <summary>
/// One buyer in the "buy till you die" models' terms, in days at a cut-off: <see cref="Repeats"/> purchase orders after the
/// first, the last of them <see cref="LastAt"/> days after the first, and <see cref="Age"/> days from the first to the cut-off.
/// </summary>
internal readonly record struct PurchaseHistory(int Repeats, double LastAt, double Age);

/// <summary>
/// The BG/NBD model of Fader, Hardie and Lee (2005), "Counting your customers the easy way": while alive a customer buys
/// at a Poisson rate drawn from Gamma(r, alpha); after each purchase they drop out with a probability drawn from
/// Beta(a, b). Fitted by maximum likelihood (Nelder-Mead on the log parameters) with the paper's likelihood (its
/// equation 6) and giving the paper's conditional expectation (equation 10) and probability of being alive.
/// </summary>
internal sealed record BgNbd(double R, double Alpha, double A, double B)
{
    public static BgNbd Fit(IReadOnlyList<PurchaseHistory> histories)
    {
        var meanAge = histories.Average(h => h.Age);
        var start = Vector<double>.Build.DenseOfArray([Math.Log(0.5), Math.Log(Math.Max(1, meanAge / 4)), Math.Log(1), Math.Log(2)]);
        var objective = ObjectiveFunction.Value(p =>
        {
            var model = new BgNbd(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
            var sum = 0.0;
            foreach (var h in histories)
            {
                sum += model.LogLikelihood(h);
            }

            return double.IsFinite(sum) ? -sum : double.MaxValue;
        });
        var result = new NelderMeadSimplex(1e-9, 20_000).FindMinimum(objective, start);
        var p = result.MinimizingPoint;
        return new BgNbd(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]), Math.Exp(p[3]));
    }

    public double LogLikelihood(PurchaseHistory h)
    {
        var x = h.Repeats;
        var a1 = SpecialFunctions.GammaLn(R + x) - SpecialFunctions.GammaLn(R) + (R * Math.Log(Alpha));
        var a2 = SpecialFunctions.GammaLn(A + B) + SpecialFunctions.GammaLn(B + x) - SpecialFunctions.GammaLn(B) - SpecialFunctions.GammaLn(A + B + x);
        var a3 = -(R + x) * Math.Log(Alpha + h.Age);
        if (x == 0)
        {
            return a1 + a2 + a3;
        }

        var a4 = Math.Log(A) - Math.Log(B + x - 1) - ((R + x) * Math.Log(Alpha + h.LastAt));
        // log(e^a3 + e^a4) without overflow.
        var max = Math.Max(a3, a4);
        return a1 + a2 + max + Math.Log(Math.Exp(a3 - max) + Math.Exp(a4 - max));
    }

    public double ProbabilityAlive(PurchaseHistory h) =>
        h.Repeats == 0 ? 1 : 1 / (1 + (A / (B + h.Repeats - 1) * Math.Pow((Alpha + h.Age) / (Alpha + h.LastAt), R + h.Repeats)));

    /// <summary>Expected purchases in the <paramref name="days"/> after the cut-off, given the history (the paper's equation 10).</summary>
    public double ExpectedPurchases(PurchaseHistory h, double days)
    {
        var x = h.Repeats;
        var z = days / (Alpha + h.Age + days);
        var hyper = Hypergeometric2F1(R + x, B + x, A + B + x - 1, z);
        var numerator = (A + B + x - 1) / (A - 1) * (1 - (Math.Pow((Alpha + h.Age) / (Alpha + h.Age + days), R + x) * hyper));
        var denominator = x == 0 ? 1 : 1 + (A / (B + x - 1) * Math.Pow((Alpha + h.Age) / (Alpha + h.LastAt), R + x));
        return Math.Max(0, numerator / denominator);
    }

    /// <summary>Gauss's hypergeometric series, for 0 &lt;= z &lt; 1, where it converges.</summary>
    internal static double Hypergeometric2F1(double a, double b, double c, double z)
    {
        var term = 1.0;
        var sum = 1.0;
        for (var n = 0; n < 100_000; n++)
        {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (Math.Abs(term) < 1e-14 * Math.Abs(sum))
            {
                break;
            }
        }

        return sum;
    }
}

/// <summary>
/// The Gamma-Gamma model of order value (Fader, Hardie and Lee 2005, "RFM and CLV", and Fader and Hardie's note on it):
/// each customer's order values are Gamma(p, nu) with nu drawn from Gamma(q, gamma), so a customer's expected order value
/// shrinks their own average towards the population's, the more the fewer orders they have.
/// </summary>
internal sealed record GammaGamma(double P, double Q, double Gamma)
{
    public static GammaGamma Fit(IReadOnlyList<(int Orders, double AverageValue)> customers)
    {
        var start = Vector<double>.Build.DenseOfArray([Math.Log(1), Math.Log(2), Math.Log(Math.Max(1, customers.Average(c => c.AverageValue)))]);
        var objective = ObjectiveFunction.Value(v =>
        {
            var model = new GammaGamma(Math.Exp(v[0]), Math.Exp(v[1]), Math.Exp(v[2]));
            var sum = 0.0;
            foreach (var (orders, value) in customers)
            {
                sum += model.LogLikelihood(orders, value);
            }

            return double.IsFinite(sum) ? -sum : double.MaxValue;
        });
        var result = new NelderMeadSimplex(1e-9, 20_000).FindMinimum(objective, start);
        var p = result.MinimizingPoint;
        return new GammaGamma(Math.Exp(p[0]), Math.Exp(p[1]), Math.Exp(p[2]));
    }

    public double LogLikelihood(int orders, double averageValue)
    {
        var px = P * orders;
        return SpecialFunctions.GammaLn(px + Q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(Q)
            + (Q * Math.Log(Gamma)) + ((px - 1) * Math.Log(averageValue)) + (px * Math.Log(orders)) - ((px + Q) * Math.Log(Gamma + (averageValue * orders)));
    }

    /// <summary>The expected value of the customer's next orders, given <paramref name="orders"/> orders averaging <paramref name="averageValue"/>.</summary>
    public double ExpectedOrderValue(int orders, double averageValue) =>
        orders <= 0 ? PopulationMean : P * (Gamma + (orders * averageValue)) / ((P * orders) + Q - 1);

    /// <summary>The population's mean order value (p gamma / (q - 1)); infinite when q &lt;= 1.</summary>
    public double PopulationMean => Q > 1 ? P * Gamma / (Q - 1) : double.PositiveInfinity;
}
