namespace Grid.Contracts.Search;

/// <summary>Which shards a search reached. A partial result is still a result: the examiner sees what was not searched.</summary>
[GenerateSerializer, Immutable, Alias("grid.Coverage")]
public sealed record Coverage([property: Id(0)] ShardReport[] Shards)
{
    public int Asked => Shards.Length;
    public int Answered => Shards.Count(s => s.Outcome == ShardOutcome.Answered);
    public int Failed => Shards.Count(s => s.Outcome == ShardOutcome.Failed);
    public int TimedOut => Shards.Count(s => s.Outcome == ShardOutcome.TimedOut);
    public bool Complete => Answered == Asked;
}
