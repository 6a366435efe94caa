using System.Globalization;
using Dashboard.Core.Catalog;

namespace Dashboard.Core.Demo;

/// <summary>
/// One product of the demo catalog with the hidden facts the simulation uses. <see cref="Index"/> is
/// 1-based and is the number in the SKU (<c>P00042</c> is index 42).
/// </summary>
public sealed record DemoProduct(
    int Index,
    string Sku,
    string Name,
    int CategoryIndex,
    string Category,
    decimal Price,
    bool IsActive,
    DateTime CreatedAt,
    DateTime? DiscontinuedAt,
    int PopularityRank,
    double PopularityWeight,
    double PriceScore,
    int FollowUpIndex)
{
    /// <summary>Whether a shopper can see the product at that instant (launched and not yet discontinued).</summary>
    public bool IsAvailableAt(DateTime at) => at >= CreatedAt && (DiscontinuedAt is null || at < DiscontinuedAt);

    public Product ToEntity() => new()
    {
        Sku = Sku,
        Name = Name,
        Category = Category,
        Price = Price,
        IsActive = IsActive,
        CreatedAt = CreatedAt,
    };
}

/// <summary>
/// The demo shop's catalog: a pure function of the seed, the product count and the window. See
/// <c>Demo/README.md</c> for the planted structure (popularity law, prices, follow-ups).
/// </summary>
public sealed class DemoCatalog
{
    /// <summary>Zipf exponent of popularity within a category: weight = 1 / rank^s.</summary>
    public const double ZipfExponent = 1.1;

    /// <summary>Share of products that are discontinued during the window (and so inactive at the end).</summary>
    public const double DiscontinuedShare = 0.05;

    /// <summary>Share of products launched during the window (new arrivals).</summary>
    public const double NewArrivalShare = 0.08;

    /// <summary>Chance that a product's follow-up lies in its own category rather than a related one.</summary>
    public const double SameCategoryFollowUpShare = 0.5;

    private readonly DemoProduct[] _products;
    private readonly int[][] _byCategory;

    private DemoCatalog(IReadOnlyList<DemoCategory> categories, DemoProduct[] products, int[][] byCategory)
    {
        Categories = categories;
        _products = products;
        _byCategory = byCategory;
    }

    public IReadOnlyList<DemoCategory> Categories { get; }

    public IReadOnlyList<string> CategoryNames => [.. Categories.Select(c => c.Name)];

    /// <summary>All products in SKU order: <c>Products[i]</c> has index <c>i + 1</c>.</summary>
    public IReadOnlyList<DemoProduct> Products => _products;

    /// <summary>The product with a 1-based index (the number in its SKU).</summary>
    public DemoProduct Get(int productIndex) => _products[productIndex - 1];

    /// <summary>The planted complement of a product: bought in a later session with the probability stated in the README.</summary>
    public DemoProduct FollowUpOf(int productIndex) => Get(Get(productIndex).FollowUpIndex);

    /// <summary>Indices of the products of one category, most popular first.</summary>
    public IReadOnlyList<int> ProductsIn(int categoryIndex) => _byCategory[categoryIndex];

    public int CategoryIndexOf(string category)
    {
        for (var i = 0; i < Categories.Count; i++)
        {
            if (Categories[i].Name == category)
            {
                return i;
            }
        }

        throw new ArgumentException($"'{category}' is not a demo category.", nameof(category));
    }

    public static string SkuFor(int productIndex) => string.Create(CultureInfo.InvariantCulture, $"P{productIndex:D5}");

    /// <summary>Reads the 1-based index back from a SKU made by <see cref="SkuFor"/>; false for anything else.</summary>
    public static bool TryParseProductIndex(string? sku, out int index)
    {
        index = 0;
        if (sku is null || sku.Length < 6 || sku[0] != 'P' || !sku.AsSpan(1).ContainsOnlyDigits()
            || !int.TryParse(sku.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            || parsed < 1 || SkuFor(parsed) != sku)
        {
            return false;
        }

        index = parsed;
        return true;
    }

    public static DemoCatalog Create(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var categories = DemoCategory.All;
        var rng = DemoRandom.For(options.Seed, DemoStream.Catalog, 0);

        // Product counts per category grow with the square root of its popularity, at least two each.
        var counts = Allocate(options.Products, [.. categories.Select(c => Math.Sqrt(c.Popularity))], minimum: 2);

        // SKU numbers are dealt to categories in a shuffled order, so a SKU says nothing about its category.
        var categoryOfSlot = new List<int>(options.Products);
        for (var c = 0; c < categories.Count; c++)
        {
            categoryOfSlot.AddRange(Enumerable.Repeat(c, counts[c]));
        }

        rng.Shuffle(categoryOfSlot);

        var drafts = new Draft[options.Products];
        var byCategory = new List<int>[categories.Count];
        for (var c = 0; c < categories.Count; c++)
        {
            byCategory[c] = [];
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var slot = 0; slot < options.Products; slot++)
        {
            var c = categoryOfSlot[slot];
            var category = categories[c];
            var kind = category.Kinds[rng.Next(category.Kinds.Count)];
            var name = DrawName(rng, category, kind, names);
            drafts[slot] = new Draft { Index = slot + 1, CategoryIndex = c, Name = name, Price = DrawPrice(rng, kind) };
            byCategory[c].Add(slot + 1);
        }

        // Popularity: a random permutation of ranks inside each category, Zipf weights on the ranks.
        foreach (var members in byCategory)
        {
            var ranks = Enumerable.Range(1, members.Count).ToList();
            rng.Shuffle(ranks);
            for (var i = 0; i < members.Count; i++)
            {
                var d = drafts[members[i] - 1];
                d.Rank = ranks[i];
                d.Weight = 1.0 / Math.Pow(d.Rank, ZipfExponent);
            }

            members.Sort((a, b) => drafts[a - 1].Rank.CompareTo(drafts[b - 1].Rank));
            var logs = members.Select(m => Math.Log((double)drafts[m - 1].Price)).ToArray();
            var mean = logs.Average();
            var sd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / logs.Length);
            for (var i = 0; i < members.Count; i++)
            {
                drafts[members[i] - 1].PriceScore = sd < 1e-9 ? 0 : (logs[i] - mean) / sd;
            }
        }

        // Life cycle: the top two of each category are always on sale; of the rest some are discontinued
        // during the window, some arrive during it, the others were listed before it.
        var start = options.StartDate;
        foreach (var d in drafts)
        {
            d.CreatedAt = start.AddDays(-rng.NextDouble(1, 1_095)).AddSeconds(-rng.Next(86_400));
            if (d.Rank <= 2)
            {
                continue;
            }

            var u = rng.NextDouble();
            if (u < DiscontinuedShare)
            {
                d.DiscontinuedAt = start.AddDays(rng.NextDouble(0.1, 0.9) * options.Days);
            }
            else if (u < DiscontinuedShare + NewArrivalShare)
            {
                d.CreatedAt = start.AddDays(rng.NextDouble(0.05, 0.85) * options.Days);
            }
        }

        // Follow-ups point only at products on sale for the whole window, so a planted follow-up can always be bought.
        var targets = byCategory
            .Select(members => members.Where(i => drafts[i - 1].DiscontinuedAt is null && drafts[i - 1].CreatedAt < start).ToArray())
            .ToArray();
        var targetWeights = targets.Select(t => DemoRandom.Cumulative([.. t.Select(i => drafts[i - 1].Weight)])).ToArray();
        foreach (var d in drafts)
        {
            var c = rng.Chance(SameCategoryFollowUpShare)
                ? d.CategoryIndex
                : IndexOf(categories, categories[d.CategoryIndex].Related[rng.Next(categories[d.CategoryIndex].Related.Count)]);
            d.FollowUp = DrawFollowUp(rng, targets[c], targetWeights[c], d.Index);
        }

        var products = drafts
            .Select(d => new DemoProduct(
                d.Index, SkuFor(d.Index), d.Name, d.CategoryIndex, categories[d.CategoryIndex].Name, d.Price,
                IsActive: d.DiscontinuedAt is null, TruncateToSeconds(d.CreatedAt),
                d.DiscontinuedAt is { } at ? TruncateToSeconds(at) : null,
                d.Rank, d.Weight, d.PriceScore, d.FollowUp))
            .ToArray();
        return new DemoCatalog(categories, products, [.. byCategory.Select(m => m.ToArray())]);
    }

    /// <summary>Splits <paramref name="total"/> in proportion to weights (largest remainder), each at least <paramref name="minimum"/>.</summary>
    internal static int[] Allocate(int total, double[] weights, int minimum)
    {
        var counts = new int[weights.Length];
        var rest = total - (minimum * weights.Length);
        var sum = weights.Sum();
        var remainders = new double[weights.Length];
        var assigned = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = rest * weights[i] / sum;
            counts[i] = minimum + (int)Math.Floor(exact);
            remainders[i] = exact - Math.Floor(exact);
            assigned += counts[i];
        }

        foreach (var i in Enumerable.Range(0, weights.Length).OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(total - assigned))
        {
            counts[i]++;
        }

        return counts;
    }

    /// <summary>Log-normal inside the kind's range (the range spans about four standard deviations), then shop-style rounding.</summary>
    internal static decimal DrawPrice(DemoRandom rng, DemoItemKind kind)
    {
        var lo = Math.Log((double)kind.MinPrice);
        var hi = Math.Log((double)kind.MaxPrice);
        var raw = Math.Exp(Math.Clamp(((lo + hi) / 2) + (rng.NextGaussian() * (hi - lo) / 4), lo, hi));
        return RoundLikeAShop(raw);
    }

    /// <summary>£3.49 / £3.99 below £20, £47.99 below £100, £149.99 / £154.99 above.</summary>
    internal static decimal RoundLikeAShop(double price)
    {
        var rounded = price switch
        {
            < 20 => Math.Max(1.0, Math.Round(price * 2, MidpointRounding.AwayFromZero) / 2) - 0.01,
            < 100 => Math.Round(price, MidpointRounding.AwayFromZero) - 0.01,
            _ => (Math.Round(price / 5, MidpointRounding.AwayFromZero) * 5) - 0.01,
        };
        return Math.Round((decimal)rounded, 2);
    }

    private static string DrawName(DemoRandom rng, DemoCategory category, DemoItemKind kind, HashSet<string> taken)
    {
        var name = string.Empty;
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var brand = DemoCategory.Brands[rng.Next(DemoCategory.Brands.Count)];
            var adjective = category.Adjectives[rng.Next(category.Adjectives.Count)];
            name = $"{brand} {adjective} {kind.Noun}";
            if (taken.Add(name))
            {
                return name;
            }
        }

        return name;
    }

    /// <summary>A popularity-weighted draw among the targets, never the product itself (the rank-1 and -2 products always qualify).</summary>
    private static int DrawFollowUp(DemoRandom rng, int[] targets, double[] cumulative, int product)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var pick = targets[rng.NextFromCumulative(cumulative)];
            if (pick != product)
            {
                return pick;
            }
        }

        return targets.First(t => t != product);
    }

    private static int IndexOf(IReadOnlyList<DemoCategory> categories, string name)
    {
        for (var i = 0; i < categories.Count; i++)
        {
            if (categories[i].Name == name)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Demo category '{name}' is named as related but does not exist.");
    }

    private static DateTime TruncateToSeconds(DateTime value) =>
        DateTime.SpecifyKind(new DateTime(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Utc);

    private sealed class Draft
    {
        public int Index { get; init; }
        public int CategoryIndex { get; init; }
        public required string Name { get; init; }
        public decimal Price { get; init; }
        public int Rank { get; set; }
        public double Weight { get; set; }
        public double PriceScore { get; set; }
        public DateTime CreatedAt { get; set; }
        public DateTime? DiscontinuedAt { get; set; }
        public int FollowUp { get; set; }
    }
}
