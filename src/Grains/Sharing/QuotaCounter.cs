namespace Grid.Grains.Sharing;

/// <summary>
/// A daily search quota per agreement. Days are UTC so both forces, in any time zone, count the
/// same day. Pure: the caller supplies the clock and keeps the returned usage.
/// </summary>
public static class QuotaCounter
{
    /// <summary>Counts one search if the quota allows it; <paramref name="next"/> is the usage to keep either way.</summary>
    public static bool TryConsume(QuotaUsage usage, int dailyQuota, DateTimeOffset now, out QuotaUsage next)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var used = usage.Day == today ? usage.Used : 0;
        if (used >= dailyQuota)
        {
            next = new QuotaUsage(today, used);
            return false;
        }

        next = new QuotaUsage(today, used + 1);
        return true;
    }

    public static int Remaining(QuotaUsage usage, int dailyQuota, DateTimeOffset now) =>
        Math.Max(0, dailyQuota - (usage.Day == DateOnly.FromDateTime(now.UtcDateTime) ? usage.Used : 0));
}
