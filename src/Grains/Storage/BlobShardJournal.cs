using Microsoft.Extensions.Logging;

namespace Grid.Grains.Storage;

/// <summary>A shard's journal in Azure Blob storage (<see cref="ShardBlobStore"/>): the layout and bytes shards
/// have always written, so existing shards open unchanged.</summary>
public sealed class BlobShardJournal(ShardBlobStore store, string shard, GridStorageOptions options, ILogger logger)
    : ShardJournal(shard, options, logger)
{
    protected override Task<ShardManifest?> ReadManifestAsync() => store.ReadManifestAsync(Shard);

    protected override Task WriteManifestAsync(ShardManifest manifest) => store.WriteManifestAsync(Shard, manifest);

    protected override Task CreateLogAsync(long epoch) => store.CreateLogAsync(Shard, epoch);

    protected override Task<long> AppendAsync(long epoch, long expectedLength, byte[] frame) => store.AppendAsync(Shard, epoch, expectedLength, frame);

    protected override Task<Stream?> OpenLogAsync(long epoch) => store.OpenLogAsync(Shard, epoch);

    protected override Task<Stream?> OpenSnapshotAsync(long epoch) => store.OpenSnapshotAsync(Shard, epoch);

    protected override Task WriteSnapshotAsync(long epoch, Action<Stream> write) => store.WriteSnapshotAsync(Shard, epoch, write);

    protected override Task DeleteEpochAsync(long epoch) => store.DeleteEpochAsync(Shard, epoch);
}
