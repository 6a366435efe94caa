using Dashboard.Core.Demo;

namespace Dashboard.Core.Tests.Demo;

public sealed class DemoOptionsTests
{
    private static readonly DemoOptions Valid = new() { EndDate = DemoTestShop.EndDate };

    [Fact]
    public void Validate_Accepts_WhenOnlyTheEndDateIsGiven()
    {
        Valid.Validate();

        Assert.Equal((5_000, 600, 365, 42), (Valid.Customers, Valid.Products, Valid.Days, Valid.Seed));
        Assert.Equal(new DateTime(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc), Valid.StartDate);
        Assert.Equal(new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc), Valid.WindowEnd);
    }

    public static TheoryData<DemoOptions, string> InvalidOptions => new()
    {
        { Valid with { Customers = 0 }, nameof(DemoOptions.Customers) },
        { Valid with { Customers = DemoOptions.MaxCustomers + 1 }, nameof(DemoOptions.Customers) },
        { Valid with { Products = DemoOptions.MinProducts - 1 }, nameof(DemoOptions.Products) },
        { Valid with { Products = 100_000 }, nameof(DemoOptions.Products) },
        { Valid with { Days = 0 }, nameof(DemoOptions.Days) },
        { Valid with { Days = -5 }, nameof(DemoOptions.Days) },
        { Valid with { Days = DemoOptions.MaxDays + 1 }, nameof(DemoOptions.Days) },
        { Valid with { EndDate = new DateTime(2026, 3, 31, 12, 0, 0, DateTimeKind.Utc) }, nameof(DemoOptions.EndDate) },
        { Valid with { EndDate = new DateTime(2026, 3, 31, 0, 0, 0, DateTimeKind.Local) }, nameof(DemoOptions.EndDate) },
        { Valid with { EndDate = default }, nameof(DemoOptions.EndDate) },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Validate_ThrowsNamingTheSetting_WhenAValueIsOutOfRange(DemoOptions options, string setting)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(setting, error.ParamName);
        Assert.StartsWith(setting, error.Message, StringComparison.Ordinal);
    }
}
