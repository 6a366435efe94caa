using Dashboard.Core.Ingestion;
using Dashboard.Core.Ingestion.OnlineRetail;

namespace Dashboard.Core.Tests.Ingestion;

public class IngestionRuleTests
{
    [Fact]
    public void LogMadOutlierRule_FlagsValuesFiveRobustDeviationsAwayOnALogScale()
    {
        var rule = new LogMadOutlierRule("UnitPrice");
        // ln values 0, ±ln 2 in equal thirds: median 1, MAD ln 2, so the bounds are exp(±5 × 1.4826 × ln 2).
        foreach (var value in Enumerable.Range(0, 300).Select(i => (i % 3) switch { 0 => 1.0, 1 => 2.0, _ => 0.5 }))
        {
            rule.Observe(value);
        }

        rule.Complete();

        var spread = 5 * 1.4826 * Math.Log(2);
        Assert.True(rule.Active);
        Assert.Equal((1.0, Math.Exp(-spread), Math.Exp(spread)), (rule.Median, rule.Low, rule.High));
        Assert.False(rule.IsOutlier(100));
        Assert.True(rule.IsOutlier(200));
        Assert.True(rule.IsOutlier(0.001));
    }

    [Theory]
    [InlineData(29, 7.0)]
    [InlineData(1_000, 1.0)]
    public void LogMadOutlierRule_FlagsNothing_WithTooFewValuesOrNoSpread(int count, double value)
    {
        var rule = new LogMadOutlierRule("Quantity");
        for (var i = 0; i < count; i++)
        {
            rule.Observe(value + (count < 30 ? i : 0));
        }

        rule.Complete();

        Assert.False(rule.Active);
        Assert.False(rule.IsOutlier(1e9));
    }

    [Theory]
    [InlineData("POST", "POSTAGE", OnlineRetailCategories.Fees)]
    [InlineData("gift_0001_20", "Dotcomgiftshop Gift Voucher £20.00", OnlineRetailCategories.GiftVouchers)]
    [InlineData("22086", "PAPER CHAIN KIT 50'S CHRISTMAS", "Christmas and seasonal")]
    [InlineData("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "Candles and lights")]
    [InlineData("85099B", "JUMBO BAG RED RETROSPOT", "Bags")]
    [InlineData("22423", "REGENCY CAKESTAND 3 TIER", "Kitchen and dining")]
    [InlineData("21175", "GIN + TONIC DIET METAL SIGN", "Home decor")]
    [InlineData("84879", "ASSORTED COLOUR BIRD ORNAMENT", "Garden and outdoors")]
    [InlineData("22632", "HAND WARMER RED POLKA DOT", OnlineRetailCategories.Other)]
    public void OnlineRetailCategories_UsesTheFirstMatchingKeyword(string stockCode, string description, string category) =>
        Assert.Equal(category, OnlineRetailCategories.For(stockCode, description));

    [Theory]
    [InlineData("Customer ID", "CustomerID", true)]
    [InlineData("customer_id", "CustomerID", true)]
    [InlineData("\uFEFFInvoiceNo", "InvoiceNo", true)]
    [InlineData("Invoice", "InvoiceNo", true)]
    [InlineData("InvoiceDate", "InvoiceNo", false)]
    public void CsvColumn_MatchesHeaderNamesIgnoringCaseAndPunctuation(string header, string column, bool matches)
    {
        var columns = new Dictionary<string, CsvColumn>
        {
            ["CustomerID"] = OnlineRetailImporter.CustomerId,
            ["InvoiceNo"] = OnlineRetailImporter.InvoiceNo,
        };

        Assert.Equal(matches, columns[column].Matches(header));
    }

    [Theory]
    [InlineData("17850.0", "17850")]
    [InlineData(" 17850 ", "17850")]
    [InlineData("", null)]
    [InlineData("A.0B", "A.0B")]
    public void NormalizeCustomerId_DropsTheSpreadsheetDecimal(string value, string? expected) =>
        Assert.Equal(expected, OnlineRetailImporter.NormalizeCustomerId(value));
}
