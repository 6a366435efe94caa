using System.Collections.Immutable;
using Dashboard.Core.Preprocessing;
using Dashboard.Core.Recommendations.Recommenders;

namespace Dashboard.Core.Recommendations.Evaluation;

/// <summary>
/// Builds the temporal split that offline evaluation uses, from the preprocessing stage's purchase sequences:
/// <list type="bullet">
/// <item>Training: every known customer's purchases before the cut-off. The catalogue (<see cref="ItemIndex"/>) is every
/// product bought in training; a model cannot rank what it never saw.</item>
/// <item>Test customers: those with a purchase before the cut-off and one in the held-out window after it (a customer
/// with no history is a cold-start case, judged elsewhere).</item>
/// <item>Targets: the distinct items of each test customer's first order after the cut-off, the next basket a model
/// should predict (as the product owner's reference measures it). Items outside the catalogue stay in the denominators,
/// so no model gets credit for them, and customers whose targets all lie outside stay too (they score 0 everywhere).</item>
/// </list>
/// </summary>
public sealed class TemporalSplitLoader(PurchaseSequences sequences)
{
    public const int DefaultHeldOutDays = 60;

    /// <summary>
    /// Loads the split at <paramref name="cutoff"/>, or by default at the start of the last
    /// <paramref name="heldOutDays"/> (60) days of data, counted in whole days up to the newest purchase. With a
    /// cut-off and no held-out length, the window runs to the newest purchase.
    /// </summary>
    public async Task<TemporalSplit> LoadAsync(
        DateTime? cutoff = null, int? heldOutDays = null, int seed = 42, CancellationToken cancellationToken = default)
    {
        var newest = await sequences.NewestPurchaseAtAsync(cancellationToken)
            ?? throw new NotEnoughHistoryException("There are no purchases to evaluate recommenders on.");
        var (at, days) = Window(cutoff, heldOutDays, newest);
        var splits = new List<SequenceSplit>();
        await foreach (var split in sequences.ReadSplitAsync(at, days, cancellationToken: cancellationToken))
        {
            splits.Add(split);
        }

        return Build(splits, at, days, seed);
    }

    /// <summary>
    /// The split a scheduled training uses: the last <paramref name="maxHeldOutDays"/> days held out, or the last third of
    /// the history when that is shorter, so that a young shop (or a short demo) still has weeks to train on.
    /// </summary>
    public async Task<TemporalSplit> LoadForTrainingAsync(int maxHeldOutDays, int seed = 42, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeldOutDays);
        var (oldest, newest) = (await sequences.OldestPurchaseAtAsync(cancellationToken), await sequences.NewestPurchaseAtAsync(cancellationToken));
        if (oldest is null || newest is null)
        {
            throw new NotEnoughHistoryException("There are no purchases to evaluate recommenders on.");
        }

        var spanDays = (int)(newest.Value.Date - oldest.Value.Date).TotalDays + 1;
        return await LoadAsync(heldOutDays: Math.Clamp(spanDays / 3, 1, maxHeldOutDays), seed: seed, cancellationToken: cancellationToken);
    }

    /// <summary>The cut-off and held-out length from what was given, as <see cref="LoadAsync"/> describes.</summary>
    public static (DateTime Cutoff, int HeldOutDays) Window(DateTime? cutoff, int? heldOutDays, DateTime newestPurchase)
    {
        if (heldOutDays is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(heldOutDays), heldOutDays, "The held-out window must be at least one day.");
        }

        if (cutoff is not { } given)
        {
            var days = heldOutDays ?? DefaultHeldOutDays;
            return (DateTime.SpecifyKind(newestPurchase.Date.AddDays(1 - days), DateTimeKind.Utc), days);
        }

        if (given > newestPurchase)
        {
            throw new ArgumentException($"The cut-off {given:yyyy-MM-dd} is after the newest purchase ({newestPurchase:yyyy-MM-dd}): nothing is held out.", nameof(cutoff));
        }

        return (DateTime.SpecifyKind(given, DateTimeKind.Utc), heldOutDays ?? (int)(newestPurchase - given).TotalDays + 1);
    }

    /// <summary>
    /// Every purchase up to the newest one as one training set, nothing held out: what a champion is refitted on before
    /// it serves. Null when nobody bought anything.
    /// </summary>
    public async Task<RecommenderTrainingSet?> LoadAllAsync(int seed = 42, CancellationToken cancellationToken = default)
    {
        if (await sequences.NewestPurchaseAtAsync(cancellationToken) is not { } newest)
        {
            return null;
        }

        var sequencesRead = new List<CustomerSequence>();
        await foreach (var sequence in sequences.ReadAsync(new PurchaseWindow(null, null), cancellationToken: cancellationToken))
        {
            sequencesRead.Add(sequence);
        }

        var items = new ItemIndex(sequencesRead.SelectMany(s => s.Steps).Select(p => p.ProductId));
        var histories = sequencesRead.Select(s => PurchaseHistories.ToHistory(s.CustomerId, s.Steps, items)).ToList();
        // The cut-off is just after the newest purchase, so that everything counts as "before" it.
        return histories.Count == 0 ? null : new RecommenderTrainingSet(items, histories, newest.AddTicks(1), seed);
    }

    /// <summary>The split from sequences already cut at <paramref name="cutoff"/> (see <see cref="PurchaseSequences.ReadSplitAsync"/>).</summary>
    public static TemporalSplit Build(IReadOnlyList<SequenceSplit> splits, DateTime cutoff, int heldOutDays, int seed = 42)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var trained = splits.Where(s => s.History.Count > 0).ToList();
        if (trained.Count == 0)
        {
            throw new NotEnoughHistoryException($"No customer bought anything before the cut-off {cutoff:yyyy-MM-dd}: there is nothing to train on.");
        }

        var items = new ItemIndex(trained.SelectMany(s => s.History).Select(p => p.ProductId));
        var histories = trained.Select(s => PurchaseHistories.ToHistory(s.CustomerId, s.History, items)).ToList();
        var testCustomers = new List<EvaluationCustomer>();
        foreach (var (split, history) in trained.Zip(histories))
        {
            if (split.HeldOut.Count == 0)
            {
                continue;
            }

            var firstOrder = split.HeldOut[0].OrderId;
            var products = split.HeldOut.TakeWhile(p => p.OrderId == firstOrder).Select(p => p.ProductId).Distinct().ToList();
            var targets = products.Select(p => items.TryGetIndex(p, out var index) ? index : -1).Where(i => i >= 0).ToImmutableArray();
            testCustomers.Add(new EvaluationCustomer(history, targets, products.Count - targets.Length));
        }

        if (testCustomers.Count == 0)
        {
            throw new NotEnoughHistoryException(
                $"No customer bought both before the cut-off {cutoff:yyyy-MM-dd} and in the {heldOutDays} days after it: there is nothing to evaluate.");
        }

        var description = new SplitDescription(
            cutoff,
            cutoff.AddDays(heldOutDays),
            histories.Count,
            items.Count,
            histories.Sum(h => h.Interactions.Count),
            histories.Sum(h => h.Interactions.Count == 0 ? 0 : h.Interactions[^1].Basket + 1),
            testCustomers.Count,
            testCustomers.Count(c => c.Targets.Length > 0),
            testCustomers.Sum(c => c.TargetCount),
            testCustomers.Sum(c => c.TargetsOutsideCatalogue),
            testCustomers.Count(c => c.RepeatTargets.Length > 0),
            testCustomers.Count(c => c.NewTargetCount > 0));
        return new TemporalSplit(new RecommenderTrainingSet(items, histories, cutoff, seed), testCustomers, description);
    }
}
