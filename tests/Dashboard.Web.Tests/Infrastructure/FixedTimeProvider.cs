namespace Dashboard.Web.Tests.Infrastructure;

/// <summary>A clock that always says the same instant, so "the last 30 days" is the same on every run.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
