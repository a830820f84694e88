using Orleans.Runtime.Messaging;

namespace Grid.Grains.Search;

/// <summary>
/// When a shard's failed call is worth one more try within a search's deadline. A call rejected by the transport
/// (its silo died and is not yet declared dead, or was just declared dead and the directory still names it) can
/// succeed a moment later on a survivor, where the shard re-activates from blob storage. Anything else — a refusal,
/// a model mismatch, a pinned force with no silo up — would fail the same way again.
/// </summary>
public static class ShardFailover
{
    /// <summary>Less time left than this and a retry could not answer anyway (a re-activation reads storage).</summary>
    public static readonly TimeSpan MinimumForRetry = TimeSpan.FromMilliseconds(300);

    /// <summary>The pause before the one retry: long enough for membership to move on, short enough to leave the
    /// retry most of what is left of the deadline.</summary>
    public static readonly TimeSpan MaximumPause = TimeSpan.FromSeconds(1);

    public static bool IsTransient(Exception e) =>
        e is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException or ConnectionFailedException;

    /// <summary>How long to wait before retrying with <paramref name="left"/> of the deadline remaining, or null when
    /// a retry would not fit.</summary>
    public static TimeSpan? PauseBeforeRetry(TimeSpan left)
    {
        if (left < MinimumForRetry * 2) return null;
        var pause = TimeSpan.FromTicks(left.Ticks / 3);
        return pause < MaximumPause ? pause : MaximumPause;
    }
}
