namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>A clock that always says the same instant, so that timestamps written by a service can be asserted exactly.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
