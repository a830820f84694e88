namespace Grid.Grains.Galleries;

/// <summary>One search of a shard after its caps were applied: the probe, how many subjects, the lowest score.</summary>
public sealed record ShardQuery(float[] Probe, int K, float MinScore);
