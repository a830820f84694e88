using CsCheck;
using Grid.Grains.Sharing;
using Grid.Grains.Tests.Support;
using Xunit;

namespace Grid.Grains.Tests.Sharing;

public class QuotaCounterProperties
{
    [Fact]
    public void Never_more_than_the_quota_per_UTC_day_and_exactly_the_quota_when_asked_more()
    {
        var gen =
            from quota in Gen.Int[1, 6]
            from steps in Gen.Int[0, 600].Array[1, 60]
            select (quota, steps);

        gen.Sample(t =>
        {
            var usage = QuotaUsage.None;
            var now = Gens.Epoch;
            var attempts = new Dictionary<DateOnly, int>();
            var granted = new Dictionary<DateOnly, int>();
            foreach (var minutes in t.steps)
            {
                now = now.AddMinutes(minutes);
                var day = DateOnly.FromDateTime(now.UtcDateTime);
                attempts[day] = attempts.GetValueOrDefault(day) + 1;
                if (QuotaCounter.TryConsume(usage, t.quota, now, out usage))
                {
                    granted[day] = granted.GetValueOrDefault(day) + 1;
                }

                Assert.Equal(t.quota - granted.GetValueOrDefault(day), QuotaCounter.Remaining(usage, t.quota, now));
            }

            foreach (var (day, count) in attempts)
            {
                Assert.Equal(Math.Min(count, t.quota), granted.GetValueOrDefault(day));
            }
        }, iter: 1000);
    }
}
