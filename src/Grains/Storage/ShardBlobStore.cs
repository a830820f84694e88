using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Grid.Grains.Diagnostics;
using Grid.Grains.Placement;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Storage;

/// <summary>
/// Shards' durable home in Azure Blob storage: <c>{shard}/manifest.json</c>, <c>{shard}/snapshot-E.bin</c>
/// and the append blob <c>{shard}/log-E.bin</c>. Calls go through <see cref="BlobResilience"/> with a circuit
/// breaker shared by every shard on this silo; appends are <see cref="AppendBlobContainer"/>'s conditional append.
/// </summary>
public sealed class ShardBlobStore
{
    private readonly ForceStorage _accounts;
    private readonly string _containerName;
    private readonly Polly.ResiliencePipeline _retry;
    private readonly ConcurrentDictionary<BlobServiceClient, AppendBlobContainer> _containers = new();

    /// <summary>How long the breaker stays open before letting a trial call through.</summary>
    public static TimeSpan BreakDuration => BlobResilience.BreakDuration;

    /// <summary>Every shard in one account (tests and tools).</summary>
    public ShardBlobStore(BlobServiceClient service, IOptions<GridStorageOptions> options, GridMetrics? metrics = null)
        : this(ForceStorage.SharedOnly(service), options, metrics)
    {
    }

    /// <summary>Each shard in its force's account (<see cref="ForceStorage"/>).</summary>
    public ShardBlobStore(ForceStorage accounts, IOptions<GridStorageOptions> options, GridMetrics? metrics)
    {
        _accounts = accounts;
        _containerName = options.Value.ShardContainer;
        _retry = BlobResilience.Create(TimeSpan.FromMinutes(5), circuitBreaker: true, metrics);
    }

    /// <summary>The container of the account holding <paramref name="shard"/> (key <c>FORCE/gallery/n</c>); throws when
    /// the shard's force keeps its data in an account this silo holds no key for.</summary>
    private AppendBlobContainer For(string shard)
    {
        var service = _accounts.For(ForceLabel.ForceOfKey(shard) ?? shard);
        return _containers.GetOrAdd(service, s => new AppendBlobContainer(s.GetBlobContainerClient(_containerName), _retry));
    }

    public async Task<ShardManifest?> ReadManifestAsync(string shard)
    {
        var container = For(shard);
        await container.EnsureExistsAsync();
        return await container.Retry.ExecuteAsync(async ct =>
        {
            try
            {
                var content = await Blob(shard, "manifest.json").DownloadContentAsync(ct);
                return content.Value.Content.ToObjectFromJson<ShardManifest>();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
    }

    public async Task WriteManifestAsync(string shard, ShardManifest manifest)
    {
        var container = For(shard);
        await container.EnsureExistsAsync();
        var bytes = BinaryData.FromObjectAsJson(manifest);
        await container.Retry.ExecuteAsync(async ct => { await Blob(shard, "manifest.json").UploadAsync(bytes, overwrite: true, ct); });
    }

    public Task CreateLogAsync(string shard, long epoch) => For(shard).CreateAsync(LogName(shard, epoch));

    /// <summary>Appends one frame at <paramref name="expectedLength"/>; returns the log's new length.</summary>
    public Task<long> AppendAsync(string shard, long epoch, long expectedLength, byte[] frame)
    {
        var name = LogName(shard, epoch);
        return For(shard).AppendAsync(name, expectedLength, frame,
            length => $"Log {name} is {length} bytes, expected {expectedLength}: another writer touched this shard's log.");
    }

    /// <summary>The whole log of an epoch, or null when it does not exist.</summary>
    public Task<Stream?> OpenLogAsync(string shard, long epoch)
    {
        var container = For(shard);
        return container.OpenReadAsync(container.Log(LogName(shard, epoch)));
    }

    public Task<Stream?> OpenSnapshotAsync(string shard, long epoch) => For(shard).OpenReadAsync(Blob(shard, SnapshotName(epoch)));

    /// <summary>Streams a snapshot straight into a block blob (no full managed copy of a multi-GB index).</summary>
    public async Task WriteSnapshotAsync(string shard, long epoch, Action<Stream> write)
    {
        var container = For(shard);
        await container.EnsureExistsAsync();
        var blob = Blob(shard, SnapshotName(epoch));
        await container.Retry.ExecuteAsync(async ct =>
        {
            await using var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions { BufferSize = 8 * 1024 * 1024 }, ct);
            await Task.Run(() => write(stream), ct);
        });
    }

    public async Task DeleteEpochAsync(string shard, long epoch)
    {
        await Blob(shard, SnapshotName(epoch)).DeleteIfExistsAsync();
        await For(shard).Log(LogName(shard, epoch)).DeleteIfExistsAsync();
    }

    public static string SnapshotName(long epoch) => $"snapshot-{epoch:D8}.bin";

    public static string LogName(long epoch) => $"log-{epoch:D8}.bin";

    private static string LogName(string shard, long epoch) => $"{shard}/{LogName(epoch)}";

    private BlobClient Blob(string shard, string name) => For(shard).Client.GetBlobClient($"{shard}/{name}");
}
