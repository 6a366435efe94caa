using System.Collections.Immutable;
using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>
/// A test customer: their training history (what a model ranks from) and the distinct items of their first order after
/// the cut-off (what it should have ranked high). <see cref="Targets"/> are catalogue indices;
/// <see cref="TargetsOutsideCatalogue"/> counts the products never bought in training, which no model can rank but
/// which stay in every denominator.
/// </summary>
public sealed class EvaluationCustomer
{
    public EvaluationCustomer(CustomerHistory history, ImmutableArray<int> targets, int targetsOutsideCatalogue)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfNegative(targetsOutsideCatalogue);
        History = history;
        Targets = targets;
        TargetsOutsideCatalogue = targetsOutsideCatalogue;
        var bought = history.Interactions.Select(i => i.Item).ToHashSet();
        RepeatTargets = [.. targets.Where(bought.Contains)];
        NewTargets = [.. targets.Where(t => !bought.Contains(t))];
    }

    public CustomerHistory History { get; }

    public ImmutableArray<int> Targets { get; }

    public int TargetsOutsideCatalogue { get; }

    /// <summary>How many distinct items the first order after the cut-off held, in or outside the catalogue.</summary>
    public int TargetCount => Targets.Length + TargetsOutsideCatalogue;

    /// <summary>Targets the customer had bought before the cut-off: buying again.</summary>
    public ImmutableArray<int> RepeatTargets { get; }

    /// <summary>Catalogue targets new to the customer.</summary>
    public ImmutableArray<int> NewTargets { get; }

    /// <summary>Every target new to the customer: <see cref="NewTargets"/> plus those outside the catalogue (new to everyone).</summary>
    public int NewTargetCount => NewTargets.Length + TargetsOutsideCatalogue;
}
