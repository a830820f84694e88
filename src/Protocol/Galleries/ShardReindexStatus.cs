namespace Grid.Protocol.Galleries;

/// <summary>A shard's re-index: the engine it builds, rows copied of those it held when the build began, whether
/// it still runs, and why the last one failed (the old index kept serving).</summary>
public sealed record ShardReindexStatus(string Target, long Done, long Total, bool Running, string? Error);
