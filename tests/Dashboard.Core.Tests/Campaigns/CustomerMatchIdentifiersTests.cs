using Dashboard.Core.Campaigns.Exports;

namespace Dashboard.Core.Tests.Campaigns;

/// <summary>Expected digests from Python's hashlib: <c>hashlib.sha256(normalized.encode()).hexdigest()</c>.</summary>
public sealed class CustomerMatchIdentifiersTests
{
    [Fact]
    public void HashedEmail_NormalisesBeforeHashing()
    {
        Assert.Equal("ann@example.com", CustomerMatchIdentifiers.NormalizeEmail("  Ann@Example.COM "));
        Assert.Equal("71d4f55f72fa128dfb468a1a3901507c804b74316488744d769d7f4b16696476", CustomerMatchIdentifiers.HashedEmail("  Ann@Example.COM "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("a@b@example.com")]
    [InlineData("@example.com")]
    [InlineData("ann@")]
    [InlineData("ann smith@example.com")]
    public void NormalizeEmail_LeavesOutWhatIsNotAnAddress(string? email) =>
        Assert.Null(CustomerMatchIdentifiers.NormalizeEmail(email));

    [Theory]
    [InlineData("01288 67729", "United Kingdom", "+44128867729", "3548d73e8acebeca4e5fda374a0819efbd6ae3645ee83d7bf3f25b17e663b732")]
    [InlineData("+43-1-7069171", "Austria", "+4317069171", "a859ad103300402f3a47e71e6777da2d57efed3f02decf8de821a5767c4f376a")]
    [InlineData("0049 176 12345678", "France", "+4917612345678", "1e223df45b8fa011012168eb1da60a4c98c5c56de860c53a57c3bf1c5e4efd7f")]
    [InlineData("051 5511624", "EIRE", "+353515511624", "bbf7b14aee67878267476795527da7e3e351e8ffad569514bc2b4356b9e9abd0")]
    public void HashedPhone_HashesTheE164Form(string phone, string country, string e164, string sha256)
    {
        Assert.Equal(e164, CustomerMatchIdentifiers.NormalizePhone(phone, country));
        Assert.Equal(sha256, CustomerMatchIdentifiers.HashedPhone(phone, country));
    }

    [Theory]
    [InlineData("555 1234 567", "Unspecified")]
    [InlineData("555 1234 567", null)]
    [InlineData("+1 23", "USA")]
    [InlineData("   ", "USA")]
    public void NormalizePhone_LeavesOutNumbersItCannotPlace(string phone, string? country) =>
        Assert.Null(CustomerMatchIdentifiers.NormalizePhone(phone, country));
}
