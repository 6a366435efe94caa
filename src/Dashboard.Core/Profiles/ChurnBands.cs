using System.Linq.Expressions;

namespace Dashboard.Core.Profiles;

/// <summary>How likely a customer is to stop buying, in the words a marketer filters by (see <see cref="ChurnBands"/>).</summary>
public enum ChurnBand
{
    /// <summary>No churn model has scored the customer yet (<see cref="CustomerProfile.ChurnRisk"/> is null).</summary>
    NotScored,
    Low,
    Medium,
    High,
}

/// <summary>
/// The churn-risk bands, defined once for every page and audience that filters by them: Low below 0.3, Medium from 0.3
/// to below 0.6, High from 0.6 up, Not scored for a null risk. Each boundary belongs to the band above it.
/// </summary>
public static class ChurnBands
{
    public const double MediumFrom = 0.3;
    public const double HighFrom = 0.6;

    /// <summary>The bands from least to most at risk, then the unscored, in the order a filter lists them.</summary>
    public static IReadOnlyList<ChurnBand> All { get; } = [ChurnBand.Low, ChurnBand.Medium, ChurnBand.High, ChurnBand.NotScored];

    public static ChurnBand Of(double? churnRisk) => churnRisk switch
    {
        null => ChurnBand.NotScored,
        < MediumFrom => ChurnBand.Low,
        < HighFrom => ChurnBand.Medium,
        _ => ChurnBand.High,
    };

    /// <summary>
    /// The band's risk range as [<see cref="ChurnRiskRange.AtLeast"/>, <see cref="ChurnRiskRange.Below"/>) (null: open
    /// on that side); null for <see cref="ChurnBand.NotScored"/>, which is no range but the absence of a score.
    /// </summary>
    public static ChurnRiskRange? Range(ChurnBand band) => band switch
    {
        ChurnBand.Low => new ChurnRiskRange(null, MediumFrom),
        ChurnBand.Medium => new ChurnRiskRange(MediumFrom, HighFrom),
        ChurnBand.High => new ChurnRiskRange(HighFrom, null),
        ChurnBand.NotScored => null,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown churn band."),
    };

    public static string Label(ChurnBand band) => band switch
    {
        ChurnBand.Low => "Low (< 30%)",
        ChurnBand.Medium => "Medium (30–60%)",
        ChurnBand.High => "High (≥ 60%)",
        ChurnBand.NotScored => "Not scored",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Unknown churn band."),
    };

    /// <summary>
    /// Keeps the rows whose churn risk (picked by <paramref name="churnRisk"/>) falls in <paramref name="band"/>, as a range
    /// comparison the database runs on its churn-risk index. Works on profiles and on projections of them (the customer
    /// list's left join), so every query filters by exactly the bands <see cref="Of"/> names.
    /// </summary>
    public static IQueryable<T> WhereChurnBand<T>(this IQueryable<T> rows, Expression<Func<T, double?>> churnRisk, ChurnBand band)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(churnRisk);
        var risk = churnRisk.Body;
        Expression test;
        if (Range(band) is not { } range)
        {
            test = Expression.Equal(risk, Expression.Constant(null, typeof(double?)));
        }
        else
        {
            // A null risk compares false on both sides in SQL and in C#: unscored customers are in no range.
            var atLeast = range.AtLeast is { } low ? Expression.GreaterThanOrEqual(risk, Expression.Constant(low, typeof(double?))) : null;
            var below = range.Below is { } high ? Expression.LessThan(risk, Expression.Constant(high, typeof(double?))) : null;
            test = atLeast is null ? below! : below is null ? atLeast : Expression.AndAlso(atLeast, below);
        }

        return rows.Where(Expression.Lambda<Func<T, bool>>(test, churnRisk.Parameters));
    }
}

/// <summary>A churn-risk range, [<paramref name="AtLeast"/>, <paramref name="Below"/>); a null end is open.</summary>
public readonly record struct ChurnRiskRange(double? AtLeast, double? Below);
