using System.Globalization;
using Dashboard.Core.Ingestion;
using Dashboard.Core.Ingestion.OwnFormats;

namespace Dashboard.Core.Tests.Ingestion.OwnFormats;

public sealed class OwnFormatValuesTests
{
    private static readonly CsvColumn Column = new("value");

    [Theory]
    [InlineData("2024-03-01", "2024-03-01T00:00:00")]
    [InlineData("2026-11-02 14:05:00", "2026-11-02T14:05:00")]
    [InlineData("2026-11-02 14:05", "2026-11-02T14:05:00")]
    [InlineData("2026-11-02T14:01:12Z", "2026-11-02T14:01:12")]
    [InlineData("2026-11-02T14:01:12.5Z", "2026-11-02T14:01:12.5")]
    [InlineData("2026-11-02T14:01:12+02:00", "2026-11-02T12:01:12")]
    [InlineData("2026-11-02T14:01:12-05:30", "2026-11-02T19:31:12")]
    [InlineData("2026-11-02T14:01:12", "2026-11-02T14:01:12")]
    public void Date_ReadsUtc_WhenTheValueIsOneOfTheFormatsDates(string text, string expectedUtc)
    {
        Assert.Null(OwnFormatValues.Date(Column, text, out var utc));

        Assert.Equal((DateTime.Parse(expectedUtc, CultureInfo.InvariantCulture), DateTimeKind.Utc), (utc, utc.Kind));
    }

    [Theory]
    [InlineData("02/11/2026")]
    [InlineData("11/2/2026 14:05")]
    [InlineData("2026-13-01")]
    [InlineData("2 November 2026")]
    [InlineData("1730556300")]
    public void Date_RejectsAsMalformed_WhenTheValueIsNotOneOfTheFormatsDates(string text)
    {
        Assert.Equal(ImportRules.Malformed, OwnFormatValues.Date(Column, text, out _)?.Rule);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("Yes", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    public void Boolean_ReadsTheFormatsSpellings(string text, bool expected)
    {
        Assert.Null(OwnFormatValues.Boolean(Column, text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("y")]
    [InlineData("2")]
    [InlineData("on")]
    public void Boolean_RejectsAsMalformed_OtherSpellings(string text)
    {
        Assert.Equal(ImportRules.Malformed, OwnFormatValues.Boolean(Column, text, out _)?.Rule);
    }

    [Theory]
    [InlineData("7.50", null)]
    [InlineData("7.500", null)]
    [InlineData("12", null)]
    [InlineData("0.01", null)]
    [InlineData("0", ImportRules.NonPositive)]
    [InlineData("-3.20", ImportRules.NonPositive)]
    [InlineData("0.001", ImportRules.Malformed)]
    [InlineData("7,50", ImportRules.Malformed)]
    [InlineData("1,000.00", ImportRules.Malformed)]
    [InlineData("$7.50", ImportRules.Malformed)]
    [InlineData("7.5e1", ImportRules.Malformed)]
    [InlineData("10000000000000000", ImportRules.Malformed)]
    public void Amount_AcceptsPositiveAmountsToTheCent(string text, string? rule)
    {
        Assert.Equal(rule, OwnFormatValues.Amount(Column, text, out _)?.Rule);
    }
}
