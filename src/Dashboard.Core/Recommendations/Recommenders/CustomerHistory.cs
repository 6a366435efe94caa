namespace Dashboard.Core.Recommendations.Recommenders;

/// <summary>One purchased item (an <see cref="ItemIndex"/> index) at the time its order was placed.</summary>
/// <param name="Basket">Items bought in the same order share a basket number, increasing over the history.</param>
public readonly record struct Interaction(int Item, DateTime At, int Basket);

/// <summary>A customer's purchases in time order, as a recommender sees them: what it learns from, or what it ranks for.</summary>
public sealed record CustomerHistory(int CustomerId, IReadOnlyList<Interaction> Interactions)
{
    public static CustomerHistory Empty(int customerId) => new(customerId, []);
}
