using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Learning.Tests.Sequences;

/// <summary>
/// Synthetic purchase sequences with two planted habits: customers walk a chain through the catalogue (item i is
/// followed by item i+1 mod n), and each has a favourite item they keep buying again in between. A little noise
/// breaks the chain now and then. Popularity is flat, so it cannot guess the next item.
/// </summary>
internal sealed class PlantedSequences
{
    public const double RepeatShare = 0.25;
    public const double NoiseShare = 0.1;

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private PlantedSequences(ItemIndex items, List<CustomerHistory> training, List<(CustomerHistory Prefix, int Next)> heldOut)
    {
        (Items, Training, HeldOut) = (items, training, heldOut);
    }

    public ItemIndex Items { get; }

    public List<CustomerHistory> Training { get; }

    /// <summary>Other customers' histories without their last purchase, and that purchase.</summary>
    public List<(CustomerHistory Prefix, int Next)> HeldOut { get; }

    public static PlantedSequences Create(int itemCount, int trainingCustomers, int heldOutCustomers, int seed = 7)
    {
#pragma warning disable CA5394 // Test data, not security.
        var random = new Random(seed);
        var items = new ItemIndex(Enumerable.Range(1000, itemCount));
        var histories = Enumerable.Range(1, trainingCustomers + heldOutCustomers).Select(customer =>
        {
            var favourite = random.Next(itemCount);
            var chain = random.Next(itemCount);
            var purchases = new List<int>();
            var length = random.Next(8, 25);
            while (purchases.Count < length)
            {
                var draw = random.NextDouble();
                purchases.Add(draw < RepeatShare ? favourite
                    : draw < RepeatShare + NoiseShare ? random.Next(itemCount)
                    : chain = (chain + 1) % itemCount);
            }

            return History(customer, purchases);
        }).ToList();
#pragma warning restore CA5394

        var heldOut = histories.Skip(trainingCustomers)
            .Select(h => (History(h.CustomerId, h.Interactions.SkipLast(1).Select(i => i.Item)), h.Interactions[^1].Item))
            .ToList();
        return new PlantedSequences(items, histories.Take(trainingCustomers).ToList(), heldOut);
    }

    public RecommenderTrainingSet TrainingSet(int seed = 42) => new(Items, Training, Start.AddYears(1), seed);

    /// <summary>One purchase a day, one item per basket.</summary>
    public static CustomerHistory History(int customerId, IEnumerable<int> items) =>
        new(customerId, [.. items.Select((item, day) => new Interaction(item, Start.AddDays(day), day))]);
}
