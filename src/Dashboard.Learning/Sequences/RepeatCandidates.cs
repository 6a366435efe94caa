namespace Dashboard.Learning.Sequences;

/// <summary>
/// What the repeat head reads at one point of a customer's timeline: their own earlier items (the strongest by
/// recency-weighted frequency, at most a fixed number), <see cref="PerItem"/> features of each, row after row, and
/// <see cref="PerCustomer"/> features of the customer.
/// </summary>
/// <remarks>
/// Per item, with n the customer's baskets so far, c the baskets holding the item, a how many baskets ago it was last
/// bought (0 = the latest) and f how many ago first:
/// <list type="number">
/// <item>log w, where w = Σ over those baskets of 0.5^(age / halfLife): the repeat baseline's own score, which the head
/// adds to its logit unchanged so that it starts from the baseline's ranking and learns a correction;</item>
/// <item>log(1 + c);</item>
/// <item>log(1 + a);</item>
/// <item>c / n, the share of their baskets that held it;</item>
/// <item>log(1 + f), which with c gives the item's usual gap, so that "due again" can be learned.</item>
/// </list>
/// Per customer: log(1 + n), log(1 + distinct items), and the share of their purchases after the first basket that were
/// repeats, which sets how much to trust the repeat side at all.
/// </remarks>
internal sealed record RepeatCandidates(int[] Items, float[] Features, float[] Customer)
{
    public const int PerItem = 5;
    public const int PerCustomer = 3;
}
