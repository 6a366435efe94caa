using Dashboard.Core.Customers;
using Dashboard.Core.Privacy;

namespace Dashboard.Core.Tests.Privacy;

public sealed class PersonalIdentifiersTests
{
    private static readonly PersonalIdentifiers Anna = new(new Customer
    {
        ExternalId = "C12", FirstName = "Anna", LastName = "Lindqvist", Email = "anna.lindqvist@example.com", Phone = "+46 70 123 45 67", Country = "Sweden",
    });

    [Theory]
    [InlineData("C12;x;y")]
    [InlineData("customer C12.")]
    [InlineData("ANNA.LINDQVIST@EXAMPLE.COM")]
    [InlineData("call +46701234567")]
    [InlineData("call 46-70-123-45-67")]
    [InlineData("Anna Lindqvist")]
    [InlineData("lindqvist, anna")]
    [InlineData("C99;Anna;Lindqvist;")]
    public void AreMentionedIn_True_WhenTextHoldsAnIdentifier(string text) => Assert.True(Anna.AreMentionedIn(text));

    [Theory]
    [InlineData("C123;x;y")]
    [InlineData("XC12")]
    [InlineData("joanna.lindqvist@example.com")]
    [InlineData("Anna Karenina; Sven Lindqvist")]
    [InlineData("order 46701234567890")]
    [InlineData("")]
    [InlineData(null)]
    public void AreMentionedIn_False_WhenTextOnlyLooksAlike(string? text) => Assert.False(Anna.AreMentionedIn(text));

    [Theory]
    [InlineData("(555) 123-4567")]
    [InlineData("555.123.4567 x890")]
    public void AreMentionedIn_True_WhenPhoneAppearsWithOrWithoutItsExtension(string text)
    {
        var customer = new Customer { ExternalId = "C1", Phone = "555-123-4567 x890", Country = "United States" };

        Assert.True(new PersonalIdentifiers(customer).AreMentionedIn($"call {text} today"));
    }

    [Fact]
    public void Redact_ReplacesEachMentionAndKeepsTheRest()
    {
        var redacted = Anna.Redact("Ask Anna Lindqvist (+46 70 123 45 67) or anna.lindqvist@example.com about C12, not C123.");

        Assert.Equal("Ask [erased] ([erased]) or [erased] about [erased], not C123.", redacted);
    }
}
