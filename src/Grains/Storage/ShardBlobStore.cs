using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;
using Grid.Grains.Diagnostics;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace Grid.Grains.Storage;

/// <summary>
/// A shard's durable home in Azure Blob storage: <c>{shard}/manifest.json</c>, <c>{shard}/snapshot-E.bin</c>
/// and the append blob <c>{shard}/log-E.bin</c>. Transient faults are retried with jittered backoff; appends
/// carry the expected append position so a retry after a lost response never writes a frame twice.
/// A circuit breaker (shared by every shard on this silo) sits inside the retry: when most recent calls failed
/// (storage down or restarting), calls fail fast for <see cref="BreakDuration"/> instead of piling up on the
/// storage account, and the retry's backoff waits the break out; see docs/OPERATIONS.md.
/// </summary>
public sealed class ShardBlobStore
{
    private readonly BlobContainerClient _container;
    private readonly ResiliencePipeline _retry;
    private int _containerReady;

    /// <summary>How long the breaker stays open before letting a trial call through.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(2);

    public ShardBlobStore(BlobServiceClient service, IOptions<GridStorageOptions> options, GridMetrics? metrics = null)
    {
        var transient = new PredicateBuilder().Handle<RequestFailedException>(IsTransient).Handle<HttpRequestException>().Handle<IOException>();
        _container = service.GetBlobContainerClient(options.Value.ShardContainer);
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(IsTransient).Handle<HttpRequestException>().Handle<IOException>()
                    .Handle<BrokenCircuitException>(),
                MaxRetryAttempts = 6,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 4,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = BreakDuration,
                OnOpened = _ =>
                {
                    metrics?.StorageCircuitOpened();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(TimeSpan.FromMinutes(5))
            .Build();
    }

    public async Task<ShardManifest?> ReadManifestAsync(string shard)
    {
        await EnsureContainerAsync();
        return await _retry.ExecuteAsync(async ct =>
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
        await EnsureContainerAsync();
        var bytes = BinaryData.FromObjectAsJson(manifest);
        await _retry.ExecuteAsync(async ct => { await Blob(shard, "manifest.json").UploadAsync(bytes, overwrite: true, ct); });
    }

    public async Task CreateLogAsync(string shard, long epoch)
    {
        await EnsureContainerAsync();
        await _retry.ExecuteAsync(async ct => { await Log(shard, epoch).CreateAsync(new AppendBlobCreateOptions(), ct); });
    }

    /// <summary>Appends one frame at <paramref name="expectedLength"/>; returns the log's new length.</summary>
    public async Task<long> AppendAsync(string shard, long epoch, long expectedLength, byte[] frame)
    {
        var log = Log(shard, epoch);
        return await _retry.ExecuteAsync(async ct =>
        {
            try
            {
                using var content = new MemoryStream(frame, writable: false);
                var conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = expectedLength };
                await log.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = conditions }, ct);
                return expectedLength + frame.Length;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // An earlier attempt landed but its answer was lost: the blob then ends exactly after our frame.
                var length = (await log.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
                if (length == expectedLength + frame.Length) return length;
                throw new InvalidOperationException(
                    $"Log {log.Name} is {length} bytes, expected {expectedLength}: another writer touched this shard's log.", e);
            }
        });
    }

    /// <summary>The whole log of an epoch, or null when it does not exist.</summary>
    public async Task<Stream?> OpenLogAsync(string shard, long epoch) => await OpenAsync(Log(shard, epoch));

    public async Task<Stream?> OpenSnapshotAsync(string shard, long epoch) => await OpenAsync(Blob(shard, SnapshotName(epoch)));

    /// <summary>Streams a snapshot straight into a block blob (no full managed copy of a multi-GB index).</summary>
    public async Task WriteSnapshotAsync(string shard, long epoch, Action<Stream> write)
    {
        await EnsureContainerAsync();
        var blob = Blob(shard, SnapshotName(epoch));
        await _retry.ExecuteAsync(async ct =>
        {
            await using var stream = await blob.OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions { BufferSize = 8 * 1024 * 1024 }, ct);
            await Task.Run(() => write(stream), ct);
        });
    }

    public async Task DeleteEpochAsync(string shard, long epoch)
    {
        await Blob(shard, SnapshotName(epoch)).DeleteIfExistsAsync();
        await Log(shard, epoch).DeleteIfExistsAsync();
    }

    private async Task<Stream?> OpenAsync(BlobBaseClient blob)
    {
        await EnsureContainerAsync();
        return await _retry.ExecuteAsync<Stream?>(async ct =>
        {
            try
            {
                var download = await blob.DownloadStreamingAsync(cancellationToken: ct);
                return new BufferedStream(download.Value.Content, 4 * 1024 * 1024);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
    }

    private async Task EnsureContainerAsync()
    {
        if (Volatile.Read(ref _containerReady) == 1) return;
        await _retry.ExecuteAsync(async ct => { await _container.CreateIfNotExistsAsync(cancellationToken: ct); });
        Volatile.Write(ref _containerReady, 1);
    }

    private static bool IsTransient(RequestFailedException e) => e.Status is 0 or 408 or 429 or >= 500;

    private static string SnapshotName(long epoch) => $"snapshot-{epoch:D8}.bin";

    private BlobClient Blob(string shard, string name) => _container.GetBlobClient($"{shard}/{name}");

    private AppendBlobClient Log(string shard, long epoch) => _container.GetAppendBlobClient($"{shard}/log-{epoch:D8}.bin");
}
