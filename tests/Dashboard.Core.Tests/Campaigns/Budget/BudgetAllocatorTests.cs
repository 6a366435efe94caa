using Dashboard.Core.Campaigns.Budget;

namespace Dashboard.Core.Tests.Campaigns.Budget;

public sealed class BudgetAllocatorTests
{
    [Fact]
    public void Allocate_SplitsInProportionToIncrementalRevenue_WhenNoCapBinds()
    {
        // 3,000 : 1,000 of 1,000 is 750 : 250; at 1.00 a contact that buys 750 and 250 of the 10,000 members each.
        var allocation = BudgetAllocator.Allocate(1_000m, 1m, [new("A", 10_000, 3_000), new("B", 10_000, 1_000)]);

        Assert.Equal([750m, 250m], allocation.Segments.Select(s => s.Spend));
        Assert.Equal([0.75, 0.25], allocation.Segments.Select(s => s.BudgetShare));
        Assert.Equal([750, 250], allocation.Segments.Select(s => s.Contacts));
        // 3,000 x 750 / 10,000 = 225 and 1,000 x 250 / 10,000 = 25; per unit spent 0.3 and 0.1.
        Assert.Equal([225.0, 25.0], allocation.Segments.Select(s => s.IncrementalRevenueBought));
        Assert.Equal([0.3, 0.1], allocation.Segments.Select(s => s.ReturnPerUnit!.Value));
        Assert.Equal(0m, allocation.Unspent);
        Assert.Equal(250.0 / 1_000, allocation.ReturnPerUnit);
    }

    [Fact]
    public void Allocate_PassesTheSurplusOn_WhenCapsBindInTurn()
    {
        // At 0.50 a contact the caps are A 50, B 200, C 1,000; D adds nothing.
        // Round 1 (weights 500 : 300 : 200 of 600): A's 300 is over its cap of 50, so A gets 50.
        // Round 2 (300 : 200 of the 550 left): B's 330 is over its cap of 200, so B gets 200.
        // Round 3: C gets the 350 left, which buys 700 of its 2,000 members: 200 x 700 / 2,000 = 70.
        var allocation = BudgetAllocator.Allocate(600m, 0.5m,
            [new("A", 100, 500), new("B", 400, 300), new("C", 2_000, 200), new("D", 10_000, 0)]);

        Assert.Equal([50m, 200m, 350m, 0m], allocation.Segments.Select(s => s.Spend));
        Assert.Equal([100, 400, 700, 0], allocation.Segments.Select(s => s.Contacts));
        Assert.Equal([500.0, 300.0, 70.0, 0.0], allocation.Segments.Select(s => s.IncrementalRevenueBought));
        Assert.Equal([10.0, 1.5, 0.2], allocation.Segments.Take(3).Select(s => s.ReturnPerUnit!.Value));
        Assert.Null(allocation.Segments[3].ReturnPerUnit);
        Assert.Equal(50.0 / 600, allocation.Segments[0].BudgetShare, 12);
        Assert.Equal(600m, allocation.Spent);
        Assert.Equal(1_200, allocation.Contacts);
        Assert.Equal(870.0 / 600, allocation.ReturnPerUnit!.Value, 12);
    }

    [Fact]
    public void Allocate_LeavesTheRemainderUnspent_WhenEverySegmentIsFullyReached()
    {
        // The same segments cost 50 + 200 + 1,000 = 1,250 to reach in full; of 2,000, 750 is left.
        var allocation = BudgetAllocator.Allocate(2_000m, 0.5m,
            [new("A", 100, 500), new("B", 400, 300), new("C", 2_000, 200), new("D", 10_000, 0)]);

        Assert.Equal([50m, 200m, 1_000m, 0m], allocation.Segments.Select(s => s.Spend));
        Assert.Equal([100, 400, 2_000, 0], allocation.Segments.Select(s => s.Contacts));
        Assert.Equal(750m, allocation.Unspent);
        Assert.Equal(1_000.0, allocation.IncrementalRevenueBought);
    }

    [Fact]
    public void Allocate_GivesNothing_ToSegmentsExpectedToAddNothingOrLose()
    {
        var allocation = BudgetAllocator.Allocate(100m, 1m, [new("Gain", 1_000, 50), new("Loss", 1_000, -80), new("Flat", 1_000, 0)]);

        Assert.Equal([100m, 0m, 0m], allocation.Segments.Select(s => s.Spend));
        Assert.Equal([100, 0, 0], allocation.Segments.Select(s => s.Contacts));
    }

    [Fact]
    public void Allocate_ReachesEveryoneWorthReachingForNothing_WhenContactsAreFree()
    {
        var allocation = BudgetAllocator.Allocate(500m, 0m, [new("A", 300, 90), new("B", 200, 10), new("Loss", 50, -5)]);

        Assert.Equal([0m, 0m, 0m], allocation.Segments.Select(s => s.Spend));
        Assert.Equal([300, 200, 0], allocation.Segments.Select(s => s.Contacts));
        Assert.Equal(100.0, allocation.IncrementalRevenueBought);
        Assert.Equal(500m, allocation.Unspent);
        Assert.Null(allocation.ReturnPerUnit);
    }

    [Fact]
    public void Allocate_BuysOnlyWholeContacts()
    {
        // 10 split 1 : 1 is 5 each; at 2.00 a contact that buys floor(2.5) = 2 of 10 members, 40 x 2 / 10 = 8.
        var allocation = BudgetAllocator.Allocate(10m, 2m, [new("A", 10, 40), new("B", 10, 40)]);

        Assert.Equal([2, 2], allocation.Segments.Select(s => s.Contacts));
        Assert.Equal([8.0, 8.0], allocation.Segments.Select(s => s.IncrementalRevenueBought));
        Assert.Equal(10m, allocation.Spent);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Allocate_SpendsTheSmallerOfBudgetAndReachCost_WithinEveryCap_AndProportionallyBelowThem(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 200; round++)
        {
            var segments = Enumerable.Range(0, random.Next(1, 12))
                .Select(i => new SegmentDemand($"S{i}", random.Next(0, 5_000), Math.Round(random.NextDouble() * 12_000 - 2_000, 2)))
                .ToList();
            var cost = random.Next(0, 300) / 100m;
            var budget = random.Next(0, 20_000);

            var allocation = BudgetAllocator.Allocate(budget, cost, segments);

            var worthReaching = segments.Where(s => s.ExpectedIncrementalRevenue > 0 && s.Members > 0).ToList();
            Assert.Equal(Math.Min(budget, worthReaching.Sum(s => s.Members * cost)), allocation.Spent, 20);
            Assert.All(allocation.Segments, s => Assert.InRange(s.Spend, 0m, s.Members * cost));
            Assert.All(allocation.Segments, s => Assert.InRange(s.Contacts, 0, s.Members));
            Assert.All(allocation.Segments.Where(s => s.ExpectedIncrementalRevenue <= 0), s => Assert.Equal(0, s.Contacts));
            // Below their caps, segments get the same money per unit of expected incremental revenue.
            var perUnit = allocation.Segments.Where(s => s.Spend > 0 && s.Spend < s.Members * cost)
                .Select(s => (double)s.Spend / s.ExpectedIncrementalRevenue).ToList();
            Assert.All(perUnit, p => Assert.Equal(perUnit[0], p, 1e-9));
        }
    }

    [Fact]
    public void Allocate_Refuses_ANegativeBudgetOrCost()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetAllocator.Allocate(-1m, 1m, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetAllocator.Allocate(1m, -1m, []));
    }
}
