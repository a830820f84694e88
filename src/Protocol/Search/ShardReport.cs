namespace Grid.Protocol.Search;

/// <summary>How one shard fared in a search; <see cref="Error"/> says why when it did not answer.</summary>
public sealed record ShardReport(string Shard, ShardOutcome Outcome, string? Error);
