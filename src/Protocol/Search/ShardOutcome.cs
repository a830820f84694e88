namespace Grid.Protocol.Search;

/// <summary>How a shard fared in a search.</summary>
public enum ShardOutcome
{
    /// <summary>It answered in time.</summary>
    Answered = 0,
    /// <summary>It failed (its silo is down, storage unavailable...).</summary>
    Failed = 1,
    /// <summary>It did not answer before the deadline.</summary>
    TimedOut = 2,
}
