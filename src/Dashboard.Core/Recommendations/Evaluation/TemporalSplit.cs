using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>A training set and the test customers it is judged on, split at one cut-off so no model sees the future.</summary>
public sealed record TemporalSplit(RecommenderTrainingSet Training, IReadOnlyList<EvaluationCustomer> TestCustomers, SplitDescription Description);
