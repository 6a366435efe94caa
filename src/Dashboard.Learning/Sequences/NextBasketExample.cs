namespace Dashboard.Learning.Sequences;

/// <summary>
/// One point of a customer's timeline: the baskets before <see cref="Boundary"/> are the history, the basket at it (when
/// there is one) the target. A timeline of n baskets gives n training examples, one per order, the first with an empty
/// history; scoring reads the point after the last basket.
/// </summary>
internal sealed record NextBasketExample(BasketTimeline Timeline, int Boundary, RepeatCandidates Repeat)
{
    /// <summary>The basket to predict; empty at the end of the timeline.</summary>
    public int[] Targets => Boundary < Timeline.Baskets.Count ? Timeline.Baskets[Boundary] : [];

    /// <summary>An example at every basket of the timeline and one after its end: the last is the point to score from.</summary>
    public static List<NextBasketExample> AlongTimeline(BasketTimeline timeline, SequenceModelOptions options)
    {
        var memory = new RepeatMemory(options.RepeatHalfLifeBaskets);
        var examples = new List<NextBasketExample>(timeline.Baskets.Count + 1);
        for (var boundary = 0; boundary <= timeline.Baskets.Count; boundary++)
        {
            examples.Add(new NextBasketExample(timeline, boundary, memory.Describe(options.MaxRepeatCandidates)));
            if (boundary < timeline.Baskets.Count)
            {
                memory.Add(timeline.Baskets[boundary]);
            }
        }

        return examples;
    }

    /// <summary>The point after the timeline's last basket, what a model scores from.</summary>
    public static NextBasketExample AtEnd(BasketTimeline timeline, SequenceModelOptions options)
    {
        var memory = new RepeatMemory(options.RepeatHalfLifeBaskets);
        foreach (var basket in timeline.Baskets)
        {
            memory.Add(basket);
        }

        return new NextBasketExample(timeline, timeline.Baskets.Count, memory.Describe(options.MaxRepeatCandidates));
    }
}
