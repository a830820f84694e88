using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Identity;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Grid.Grains.Audit;

/// <summary>
/// Audit logs in Azure Blob storage: append blobs <c>{FORCE}/log-{segment}.bin</c> in the audit container. An
/// append writes one record and carries its expected position, so a retry after a lost answer never writes the
/// record twice and a second writer is refused rather than interleaved. Transient faults are retried with
/// jittered backoff, as for shard logs.
/// </summary>
public sealed class AuditBlobStore
{
    private const string SegmentPrefix = "log-";
    private const string SegmentSuffix = ".bin";
    private const string HeadBlob = "head.bin";

    private readonly BlobContainerClient _container;
    private readonly ResiliencePipeline _retry;
    private int _containerReady;

    public AuditBlobStore(BlobServiceClient service, IOptions<AuditOptions> options)
    {
        _container = service.GetBlobContainerClient(options.Value.Container);
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RequestFailedException>(IsTransient).Handle<HttpRequestException>().Handle<IOException>(),
                MaxRetryAttempts = 6,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            })
            .AddTimeout(TimeSpan.FromMinutes(2))
            .Build();
    }

    /// <summary>The force's segment numbers, oldest first.</summary>
    public async Task<List<long>> ListSegmentsAsync(ForceId force)
    {
        await EnsureContainerAsync();
        var prefix = $"{force.Value}/{SegmentPrefix}";
        return await _retry.ExecuteAsync(async ct =>
        {
            var numbers = new List<long>();
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct))
            {
                var name = blob.Name[prefix.Length..];
                if (name.EndsWith(SegmentSuffix, StringComparison.Ordinal) && long.TryParse(name[..^SegmentSuffix.Length], out var number))
                {
                    numbers.Add(number);
                }
            }

            numbers.Sort();
            return numbers;
        });
    }

    /// <summary>A whole segment; segments are bounded by <see cref="AuditOptions.SegmentRecords"/>.</summary>
    public async Task<byte[]> ReadSegmentAsync(ForceId force, long segment)
    {
        var blob = Segment(force, segment);
        return await _retry.ExecuteAsync(async ct =>
        {
            try
            {
                return (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Deleted by retention between listing and reading: nothing of it is kept any more.
                return [];
            }
        });
    }

    /// <summary>Creates an empty segment; fails if it exists, since an existing segment belongs to another writer.</summary>
    public async Task CreateSegmentAsync(ForceId force, long segment)
    {
        await EnsureContainerAsync();
        var blob = Segment(force, segment);
        await _retry.ExecuteAsync(async ct =>
        {
            try
            {
                var conditions = new AppendBlobRequestConditions { IfNoneMatch = ETag.All };
                await blob.CreateAsync(new AppendBlobCreateOptions { Conditions = conditions }, ct);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // A retry whose first attempt created the blob finds it empty; anything else is a second writer.
                var length = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
                if (length != 0)
                {
                    throw new InvalidOperationException($"Audit segment {blob.Name} already exists: another writer is logging for {force}.", e);
                }
            }
        });
    }

    /// <summary>Appends one record at <paramref name="expectedLength"/>; returns the segment's new length.</summary>
    public async Task<long> AppendAsync(ForceId force, long segment, long expectedLength, byte[] record)
    {
        var blob = Segment(force, segment);
        return await _retry.ExecuteAsync(async ct =>
        {
            try
            {
                using var content = new MemoryStream(record, writable: false);
                var conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = expectedLength };
                await blob.AppendBlockAsync(content, new AppendBlobAppendBlockOptions { Conditions = conditions }, ct);
                return expectedLength + record.Length;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // An earlier attempt landed but its answer was lost: the blob then ends exactly after our record.
                var length = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value.ContentLength;
                if (length == expectedLength + record.Length) return length;
                throw new InvalidOperationException(
                    $"Audit segment {blob.Name} is {length} bytes, expected {expectedLength}: another writer touched {force}'s log.", e);
            }
        });
    }

    /// <summary>The force's head record (<see cref="AuditHeadRecord"/>), or null when there is none.</summary>
    public async Task<byte[]?> ReadHeadAsync(ForceId force)
    {
        await EnsureContainerAsync();
        var blob = _container.GetBlobClient($"{force.Value}/{HeadBlob}");
        return await _retry.ExecuteAsync(async ct =>
        {
            try
            {
                return (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return null;
            }
        });
    }

    public async Task WriteHeadAsync(ForceId force, byte[] record)
    {
        var blob = _container.GetBlobClient($"{force.Value}/{HeadBlob}");
        await _retry.ExecuteAsync(async ct => { await blob.UploadAsync(BinaryData.FromBytes(record), overwrite: true, ct); });
    }

    public async Task DeleteSegmentAsync(ForceId force, long segment)
    {
        var blob = Segment(force, segment);
        await _retry.ExecuteAsync(async ct => { await blob.DeleteIfExistsAsync(cancellationToken: ct); });
    }

    /// <summary>The blob of a segment, for tools and tests that inspect storage directly.</summary>
    public AppendBlobClient Segment(ForceId force, long segment) =>
        _container.GetAppendBlobClient($"{force.Value}/{SegmentPrefix}{segment:D8}{SegmentSuffix}");

    private async Task EnsureContainerAsync()
    {
        if (Volatile.Read(ref _containerReady) == 1) return;
        await _retry.ExecuteAsync(async ct => { await _container.CreateIfNotExistsAsync(cancellationToken: ct); });
        Volatile.Write(ref _containerReady, 1);
    }

    private static bool IsTransient(RequestFailedException e) => e.Status is 0 or 408 or 429 or >= 500;
}
