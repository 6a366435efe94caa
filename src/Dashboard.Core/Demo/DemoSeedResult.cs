namespace Dashboard.Core.Demo;

/// <summary>What a seed wrote. <see cref="OrderLines"/> counts the lines of purchases and returns alike.</summary>
public sealed record DemoSeedResult(
    int Customers,
    int Products,
    int Orders,
    int Returns,
    int OrderLines,
    int Events,
    TimeSpan Elapsed);

/// <summary>Progress of a seed for progress bars: a stage name and the fraction (0..1) done overall.</summary>
public readonly record struct DemoProgress(string Stage, double Fraction);
