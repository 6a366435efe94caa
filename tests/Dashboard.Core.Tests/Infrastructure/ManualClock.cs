namespace Dashboard.Core.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, for rules that depend on elapsed time.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
