namespace Grid.Grains.Storage;

public sealed class GridStorageOptions
{
    /// <summary>Blob container holding every shard's manifest, snapshots and logs.</summary>
    public string ShardContainer { get; set; } = "grid-shards";

    /// <summary>Blob container holding each force's erasure list (Grains/Backup/ErasureList), replayed by restores.</summary>
    public string ErasureContainer { get; set; } = "grid-erasures";

    /// <summary>A snapshot is written once the current log grows past this many bytes, bounding replay time.</summary>
    public long SnapshotAfterLogBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>How often a shard with un-snapshotted changes writes a snapshot.</summary>
    public TimeSpan SnapshotInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of one log frame; append blocks are at most 4 MiB in every storage API version.</summary>
    public int MaxLogFrameBytes { get; set; } = 4 * 1024 * 1024 - 1024;
}
