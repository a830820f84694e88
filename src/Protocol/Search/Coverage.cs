namespace Grid.Protocol.Search;

/// <summary>Which shards a search reached. A partial result is still a result: the examiner sees what was not searched.</summary>
public sealed record Coverage(ShardReport[] Shards)
{
    /// <summary>Shards asked.</summary>
    public int Asked => Shards.Length;

    /// <summary>Shards that answered.</summary>
    public int Answered => Shards.Count(s => s.Outcome == ShardOutcome.Answered);

    /// <summary>Shards that failed.</summary>
    public int Failed => Shards.Count(s => s.Outcome == ShardOutcome.Failed);

    /// <summary>Shards that missed the deadline.</summary>
    public int TimedOut => Shards.Count(s => s.Outcome == ShardOutcome.TimedOut);

    /// <summary>Every shard answered.</summary>
    public bool Complete => Answered == Asked;
}
