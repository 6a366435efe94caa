using Dashboard.Core.Demo;

namespace Dashboard.Core.Tests.Demo;

public sealed class DemoCatalogTests
{
    private static readonly DemoOptions Defaults = new() { EndDate = DemoTestShop.EndDate };

    [Fact]
    public void Create_ReturnsTheSameCatalog_WhenCalledTwice()
    {
        Assert.Equal(DemoCatalog.Create(Defaults).Products, DemoCatalog.Create(Defaults).Products);
        Assert.NotEqual(DemoCatalog.Create(Defaults).Products, DemoCatalog.Create(Defaults with { Seed = 43 }).Products);
    }

    [Fact]
    public void Create_SpreadsProductsOverTwentyCategories_WithSequentialSkus()
    {
        var catalog = DemoCatalog.Create(Defaults);

        Assert.Equal(20, catalog.Categories.Count);
        Assert.Equal(600, catalog.Products.Count);
        Assert.Equal(Enumerable.Range(1, 600).Select(i => $"P{i:D5}"), catalog.Products.Select(p => p.Sku));
        Assert.All(catalog.Categories.Select((_, c) => catalog.ProductsIn(c).Count), n => Assert.InRange(n, 15, 50));
        Assert.True(catalog.Products.Select(p => p.Name).Distinct().Count() > 590);
        Assert.Equal(catalog.Products.Count, catalog.Categories.Select((_, c) => catalog.ProductsIn(c).Count).Sum());
    }

    [Fact]
    public void Create_PricesEachProductInsideItsKindsRange_WithShopStyleEndings()
    {
        var catalog = DemoCatalog.Create(Defaults);

        foreach (var product in catalog.Products)
        {
            var category = catalog.Categories[product.CategoryIndex];
            Assert.Equal(category.Name, product.Category);
            var kind = category.Kinds.Where(k => product.Name.EndsWith(" " + k.Noun, StringComparison.Ordinal)).MaxBy(k => k.Noun.Length);
            Assert.NotNull(kind);
            Assert.InRange(product.Price, kind.MinPrice - 0.51m, kind.MaxPrice + 2.5m);
            Assert.True(product.Price % 1 is 0.49m or 0.99m, $"{product.Sku} costs {product.Price}");
        }

        var books = catalog.Products.Where(p => p.Category == "Books").Select(p => p.Price).ToList();
        var electronics = catalog.Products.Where(p => p.Category == "Electronics").Select(p => p.Price).ToList();
        Assert.True(books.Max() <= 30m && electronics.Average() > 5 * books.Average());
    }

    [Fact]
    public void Create_DiscontinuesAboutFivePercent_AndKeepsEachCategorysTopSellersOnSale()
    {
        var catalog = DemoCatalog.Create(Defaults with { Products = 2_000 });

        var inactive = catalog.Products.Count(p => !p.IsActive) / 2_000.0;
        Assert.InRange(inactive, 0.03, 0.07);
        Assert.All(catalog.Products.Where(p => !p.IsActive), p => Assert.InRange(p.DiscontinuedAt!.Value, Defaults.StartDate, Defaults.WindowEnd));
        Assert.All(catalog.Products.Where(p => p.PopularityRank <= 2), p => Assert.True(p.IsActive && p.CreatedAt < Defaults.StartDate));
        Assert.Contains(catalog.Products, p => p.CreatedAt > Defaults.StartDate);
    }

    [Fact]
    public void Create_GivesEveryProductAFollowUpInItsOwnOrARelatedCategory_ThatIsOnSaleThroughout()
    {
        var catalog = DemoCatalog.Create(Defaults);

        foreach (var product in catalog.Products)
        {
            var followUp = catalog.FollowUpOf(product.Index);
            Assert.NotEqual(product.Index, followUp.Index);
            Assert.True(followUp.IsActive && followUp.CreatedAt < Defaults.StartDate, $"{followUp.Sku} is not on sale throughout");
            var category = catalog.Categories[product.CategoryIndex];
            Assert.True(followUp.Category == product.Category || category.Related.Contains(followUp.Category));
        }

        var sameCategory = catalog.Products.Count(p => catalog.FollowUpOf(p.Index).Category == p.Category) / 600.0;
        Assert.InRange(sameCategory, 0.4, 0.6);
    }

    [Fact]
    public void Create_RanksPopularityAsAPowerLaw_WhenWeighingProducts()
    {
        var catalog = DemoCatalog.Create(Defaults);

        foreach (var c in Enumerable.Range(0, catalog.Categories.Count))
        {
            var members = catalog.ProductsIn(c).Select(catalog.Get).ToList();
            Assert.Equal(Enumerable.Range(1, members.Count), members.Select(p => p.PopularityRank));
            Assert.All(members, p => Assert.Equal(1.0 / Math.Pow(p.PopularityRank, DemoCatalog.ZipfExponent), p.PopularityWeight, 12));
        }
    }

    [Theory]
    [InlineData("P00042", true, 42)]
    [InlineData("P99999", true, 99_999)]
    [InlineData("P00000", false, 0)]
    [InlineData("P42", false, 0)]
    [InlineData("P000042", false, 0)]
    [InlineData("C00042", false, 0)]
    [InlineData(null, false, 0)]
    public void TryParseProductIndex_ReadsOnlyCanonicalSkus_WhenGivenASku(string? sku, bool expected, int expectedIndex)
    {
        Assert.Equal(expected, DemoCatalog.TryParseProductIndex(sku, out var index));
        Assert.Equal(expectedIndex, index);
    }

    [Theory]
    [InlineData(3.2, 2.99)]
    [InlineData(3.3, 3.49)]
    [InlineData(0.4, 0.99)]
    [InlineData(47.6, 47.99)]
    [InlineData(152.0, 149.99)]
    [InlineData(153.0, 154.99)]
    public void RoundLikeAShop_EndsInNinetyNineOrFortyNine_WhenGivenARawPrice(double raw, double expected)
    {
        Assert.Equal((decimal)expected, DemoCatalog.RoundLikeAShop(raw));
    }
}
