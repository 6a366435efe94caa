using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Experiments.Statistics;

public sealed record ProportionTestResult(
    double ControlRate,
    double TreatmentRate,
    double AbsoluteDifference,
    double RelativeLift,
    double Z,
    double PValue,
    double CiLow,
    double CiHigh)
{
    public bool IsSignificant(double alpha = 0.05) => PValue < alpha;
}

/// <summary>
/// The classic two-sided two-proportion z-test (pooled variance for the test, as statsmodels'
/// <c>proportions_ztest</c>), with a Wald confidence interval for the difference (unpooled variance).
/// </summary>
public static class TwoProportionZTest
{
    public static ProportionTestResult Run(long controlN, long controlConversions, long treatmentN, long treatmentConversions, double confidence = 0.95)
    {
        if (controlN <= 0 || treatmentN <= 0)
        {
            throw new ArgumentException("Both groups need at least one member.");
        }

        if (controlConversions < 0 || controlConversions > controlN || treatmentConversions < 0 || treatmentConversions > treatmentN)
        {
            throw new ArgumentException("Conversions must lie between 0 and the group size.");
        }

        double p1 = (double)controlConversions / controlN, p2 = (double)treatmentConversions / treatmentN;
        var diff = p2 - p1;
        var pooled = (double)(controlConversions + treatmentConversions) / (controlN + treatmentN);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * ((1.0 / controlN) + (1.0 / treatmentN)));
        var z = pooledSe == 0 ? 0 : diff / pooledSe;
        var p = pooledSe == 0 ? 1 : 2 * Normal.CDF(0, 1, -Math.Abs(z));

        var se = Math.Sqrt((p1 * (1 - p1) / controlN) + (p2 * (1 - p2) / treatmentN));
        var critical = Normal.InvCDF(0, 1, 1 - ((1 - confidence) / 2));
        return new ProportionTestResult(p1, p2, diff, p1 == 0 ? double.NaN : diff / p1, z, p, diff - (critical * se), diff + (critical * se));
    }
}
