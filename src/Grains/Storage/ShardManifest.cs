using Grid.Contracts.Galleries;

namespace Grid.Grains.Storage;

/// <summary>The shard's root blob: its configuration and the epoch whose snapshot + log hold its data.
/// Epoch 0 has no snapshot, only a log.</summary>
public sealed record ShardManifest(ShardConfig Config, long Epoch);
