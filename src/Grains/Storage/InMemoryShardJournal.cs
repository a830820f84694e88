using Microsoft.Extensions.Logging;

namespace Grid.Grains.Storage;

/// <summary>A shard's journal in <see cref="InMemoryShardStorage"/>: the blob journal's protocol and bytes without
/// Azurite, for fast tests. Opened in the storage's current generation; a <see cref="InMemoryShardStorage.Crash"/>
/// cuts it off, as a dead process is cut off from its storage account.</summary>
public sealed class InMemoryShardJournal(InMemoryShardStorage storage, string shard, GridStorageOptions options, ILogger logger)
    : ShardJournal(shard, options, logger)
{
    private readonly int _generation = storage.Generation;

    protected override Task<ShardManifest?> ReadManifestAsync() => Task.FromResult(storage.ReadManifest(_generation, Shard));

    protected override Task WriteManifestAsync(ShardManifest manifest)
    {
        storage.WriteManifest(_generation, Shard, manifest);
        return Task.CompletedTask;
    }

    protected override Task CreateLogAsync(long epoch)
    {
        storage.Write(_generation, Shard, ShardBlobStore.LogName(epoch), []);
        return Task.CompletedTask;
    }

    protected override Task<long> AppendAsync(long epoch, long expectedLength, byte[] frame) =>
        Task.FromResult(storage.Append(_generation, Shard, ShardBlobStore.LogName(epoch), expectedLength, frame));

    protected override Task<Stream?> OpenLogAsync(long epoch) => Open(ShardBlobStore.LogName(epoch));

    protected override Task<Stream?> OpenSnapshotAsync(long epoch) => Open(ShardBlobStore.SnapshotName(epoch));

    protected override async Task WriteSnapshotAsync(long epoch, Action<Stream> write)
    {
        // Like a block blob upload: nothing is visible until the whole snapshot is written.
        using var buffer = new MemoryStream();
        await Task.Run(() => write(buffer));
        storage.Write(_generation, Shard, ShardBlobStore.SnapshotName(epoch), buffer.ToArray());
    }

    protected override Task DeleteEpochAsync(long epoch)
    {
        storage.Delete(_generation, Shard, ShardBlobStore.SnapshotName(epoch));
        storage.Delete(_generation, Shard, ShardBlobStore.LogName(epoch));
        return Task.CompletedTask;
    }

    private Task<Stream?> Open(string name) =>
        Task.FromResult<Stream?>(storage.Read(_generation, Shard, name) is { } bytes ? new MemoryStream(bytes, writable: false) : null);
}
