using Dashboard.Core.Models;
using Dashboard.Core.Preprocessing;

namespace Dashboard.Core.Profiles.Scoring;

/// <summary>Whether a score is a probability (a yes/no label) or an amount.</summary>
public enum ScoreTarget
{
    Probability = 1,
    Amount = 2,
}

/// <summary>
/// One predictive score of the profile stage: what it predicts (<see cref="Label"/> of the purchases in the
/// <see cref="HorizonDays"/> after a cut-off) and how it is stored (<see cref="Kind"/> is the model version's kind).
/// </summary>
public sealed record ScoreDefinition(string Kind, string Title, string Question, int HorizonDays, ScoreTarget Target, Func<PurchaseLabel, double> Label)
{
    public bool IsProbability => Target == ScoreTarget.Probability;
}

/// <summary>The three scores every profile carries.</summary>
public static class ScoreDefinitions
{
    public static ScoreDefinition Churn { get; } = new(
        ModelKinds.Churn, "Churn risk", "no purchase in the next 90 days", 90, ScoreTarget.Probability,
        label => label.Purchased ? 0 : 1);

    public static ScoreDefinition Propensity { get; } = new(
        ModelKinds.Propensity, "Purchase propensity", "a purchase in the next 30 days", 30, ScoreTarget.Probability,
        label => label.Purchased ? 1 : 0);

    /// <summary>Net revenue can be negative when returns outweigh purchases; a customer is not expected to cost money, so the label floors at 0.</summary>
    public static ScoreDefinition ExpectedValue { get; } = new(
        ModelKinds.ExpectedValue, "Expected value", "net revenue in the next 90 days", 90, ScoreTarget.Amount,
        label => Math.Max(0, (double)label.NetRevenue));

    public static IReadOnlyList<ScoreDefinition> All { get; } = [Churn, Propensity, ExpectedValue];

    public static ScoreDefinition? ForKind(string kind) => All.FirstOrDefault(d => d.Kind == kind);
}
