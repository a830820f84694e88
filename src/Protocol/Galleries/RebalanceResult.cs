namespace Grid.Protocol.Galleries;

/// <summary>How many of a gallery's shards moved to the silo placement now prefers.</summary>
public sealed record RebalanceResult(int Moved);
