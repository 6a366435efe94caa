namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>
/// One model's metrics averaged over the test customers (see <see cref="RankingMetrics"/> for each formula), plus
/// catalogue coverage: distinct items in any customer's top 10 / catalogue size, which shows a model that tells
/// everyone the same thing.
/// </summary>
public sealed record ModelMetrics(
    int Customers,
    double HitRate10,
    double Ndcg10,
    double Mrr10,
    double Recall20,
    double Coverage10,
    SliceMetrics Repeat,
    SliceMetrics New);

/// <summary>
/// HR@10 and NDCG@10 counting only one kind of target: repeat (bought before the cut-off) or new to the customer.
/// Averaged over the customers who have such a target; the others are skipped, because a customer with nothing to find
/// in a slice says nothing about it.
/// </summary>
public sealed record SliceMetrics(int Customers, double HitRate10, double Ndcg10);
