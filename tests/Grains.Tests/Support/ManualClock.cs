namespace Grid.Grains.Tests.Support;

/// <summary>A clock the test moves by hand, for retention and segment ageing measured in years and days.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
