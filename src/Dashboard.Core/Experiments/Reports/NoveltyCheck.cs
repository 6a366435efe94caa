using System.Globalization;
using Dashboard.Core.Experiments.Outcomes;
using MathNet.Numerics.Distributions;

namespace Dashboard.Core.Experiments.Reports;

/// <summary>
/// Whether a treatment's edge over the control fades: its extra first conversions per member and day in the first
/// <see cref="EarlyDays"/> days against the days since. Within an arm, a member converts first early, first later, or
/// not at all (a multinomial), so the difference of the two daily rates c₁p₁ − c₂p₂ has the exact variance
/// (c₁²p₁ + c₂²p₂ − (c₁p₁ − c₂p₂)²) / n; the arms are independent, so the variance of the difference of their
/// differences is the sum. A two-sided z-test at <see cref="Alpha"/> then asks whether the edge changed, and the warning
/// is given only when it shrank. A response that is simply front-loaded in both arms (an e-mail opened on day one) is
/// not flagged: only the treatment's edge over the control counts.
/// </summary>
public static class NoveltyCheck
{
    public const int EarlyDays = 7;
    public const double Alpha = 0.05;

    /// <summary>The fading of each treatment's edge, or null when there are not yet <see cref="EarlyDays"/> days after the early ones.</summary>
    /// <param name="daily">Cumulative converters per arm and day since launch (<see cref="CampaignOutcomes.Daily"/>).</param>
    /// <param name="control">The control's variant id and name.</param>
    /// <param name="treatments">The treatments' variant ids and names.</param>
    public static IReadOnlyList<string> Warnings(IReadOnlyList<DailyOutcomeSums> daily, (int Id, string Name) control, IReadOnlyList<(int Id, string Name)> treatments)
    {
        ArgumentNullException.ThrowIfNull(daily);
        ArgumentNullException.ThrowIfNull(treatments);
        var days = daily.Select(d => d.Day).Distinct().Order().ToList();
        if (days.Count < 2 * EarlyDays)
        {
            return [];
        }

        var (earlyEnd, last) = (days[EarlyDays - 1], days[^1]);
        var lateDays = days.Count - EarlyDays;
        Split? ArmSplit(int variantId)
        {
            var early = daily.SingleOrDefault(d => d.VariantId == variantId && d.Day == earlyEnd);
            var total = daily.SingleOrDefault(d => d.VariantId == variantId && d.Day == last);
            return early is null || total is null || total.Members == 0
                ? null
                : new Split(total.Members, (double)early.Converters / total.Members, (double)(total.Converters - early.Converters) / total.Members, lateDays);
        }

        if (ArmSplit(control.Id) is not { } baseline)
        {
            return [];
        }

        var warnings = new List<string>();
        foreach (var (id, name) in treatments)
        {
            if (ArmSplit(id) is not { } arm)
            {
                continue;
            }

            var (earlyEdge, lateEdge) = (arm.EarlyDaily - baseline.EarlyDaily, arm.LateDaily - baseline.LateDaily);
            var variance = arm.ChangeVariance + baseline.ChangeVariance;
            if (variance <= 0 || earlyEdge <= 0 || lateEdge >= earlyEdge)
            {
                continue;
            }

            var p = 2 * (1 - Normal.CDF(0, 1, (earlyEdge - lateEdge) / Math.Sqrt(variance)));
            if (p < Alpha)
            {
                var shown = p < 0.001 ? "p < 0.001" : string.Create(CultureInfo.InvariantCulture, $"p = {p:0.###}");
                warnings.Add(string.Create(CultureInfo.InvariantCulture,
                    $"Novelty: {name}'s edge over {control.Name} was {1000 * earlyEdge:0.00} extra converters per 1,000 members a day in the first {EarlyDays} days and {1000 * lateEdge:0.00} in the {lateDays} days since ({shown}). It is fading, so do not expect the lift to last in a longer campaign."));
            }
        }

        return warnings;
    }

    /// <summary>One arm's first conversions: the shares of its members converting first early and first later, as daily rates.</summary>
    private sealed record Split(long Members, double EarlyShare, double LateShare, int LateDays)
    {
        public double EarlyDaily => EarlyShare / EarlyDays;

        public double LateDaily => LateShare / LateDays;

        /// <summary>The variance of <see cref="EarlyDaily"/> − <see cref="LateDaily"/> (multinomial, see the class).</summary>
        public double ChangeVariance
        {
            get
            {
                var (early, late) = (1.0 / EarlyDays, 1.0 / LateDays);
                var difference = (early * EarlyShare) - (late * LateShare);
                return ((early * early * EarlyShare) + (late * late * LateShare) - (difference * difference)) / Members;
            }
        }
    }
}
