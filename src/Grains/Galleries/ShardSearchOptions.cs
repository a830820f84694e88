namespace Grid.Grains.Galleries;

/// <summary>How a shard batches concurrent searches (<see cref="ShardSearchBatcher"/>); configuration section
/// <c>Grid:Search:Batching</c> (docs/OPERATIONS.md).</summary>
public sealed class ShardSearchOptions
{
    public const string Section = "Grid:Search:Batching";

    /// <summary>Most searches answered by one pass over the index.</summary>
    public int MaxBatch { get; set; } = 32;

    /// <summary>Longest a pass waits for more searches before it starts; it starts at once when the batch is full.
    /// Searches arriving during a pass join the next one whatever this is.</summary>
    public TimeSpan BatchWait { get; set; } = TimeSpan.Zero;
}
