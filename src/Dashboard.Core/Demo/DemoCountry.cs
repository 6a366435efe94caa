namespace Dashboard.Core.Demo;

/// <summary>A country of the demo shop's customers, the Bogus locale for its names and phone numbers, and its share.</summary>
public sealed record DemoCountry(string Name, string Locale, double Weight)
{
    /// <summary>A UK shop selling mostly in Europe. Names are stored as English country names.</summary>
    public static IReadOnlyList<DemoCountry> All { get; } =
    [
        new("United Kingdom", "en_GB", 0.34),
        new("Germany", "de", 0.12),
        new("France", "fr", 0.10),
        new("Netherlands", "nl", 0.07),
        new("Ireland", "en_IE", 0.06),
        new("United States", "en_US", 0.05),
        new("Spain", "es", 0.05),
        new("Italy", "it", 0.05),
        new("Belgium", "nl_BE", 0.04),
        new("Sweden", "sv", 0.03),
        new("Poland", "pl", 0.03),
        new("Austria", "de_AT", 0.02),
        new("Switzerland", "de_CH", 0.02),
        new("Portugal", "pt_PT", 0.01),
        new("Norway", "nb_NO", 0.01),
    ];
}
