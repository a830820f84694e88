using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Identity;
using Grid.Grains.Storage;
using Microsoft.Extensions.Options;

namespace Grid.Grains.Audit;

/// <summary>
/// Audit logs in Azure Blob storage: append blobs <c>{FORCE}/log-{segment}.bin</c> in the audit container. An
/// append writes one record and carries its expected position, so a retry after a lost answer never writes the
/// record twice and a second writer is refused rather than interleaved. Transient faults are retried with
/// jittered backoff, as for shard logs (both through <see cref="AppendBlobContainer"/>).
/// </summary>
public sealed class AuditBlobStore
{
    private const string SegmentPrefix = "log-";
    private const string SegmentSuffix = ".bin";
    private const string HeadBlob = "head.bin";

    private readonly ForceStorage _accounts;
    private readonly string _containerName;
    private readonly Polly.ResiliencePipeline _retry = BlobResilience.Create(TimeSpan.FromMinutes(2), circuitBreaker: false);
    private readonly ConcurrentDictionary<BlobServiceClient, AppendBlobContainer> _containers = new();

    /// <summary>Every force's log in one account (tests and tools).</summary>
    public AuditBlobStore(BlobServiceClient service, IOptions<AuditOptions> options)
        : this(ForceStorage.SharedOnly(service), options)
    {
    }

    /// <summary>Each force's log in its own account where it has one (<see cref="ForceStorage"/>).</summary>
    public AuditBlobStore(ForceStorage accounts, IOptions<AuditOptions> options)
    {
        _accounts = accounts;
        _containerName = options.Value.Container;
    }

    /// <summary>The container of the account holding <paramref name="force"/>'s log; throws when this silo holds no key to it.</summary>
    private AppendBlobContainer For(ForceId force) =>
        _containers.GetOrAdd(_accounts.For(force.Value), s => new AppendBlobContainer(s.GetBlobContainerClient(_containerName), _retry));

    /// <summary>The force's segment numbers, oldest first.</summary>
    public async Task<List<long>> ListSegmentsAsync(ForceId force)
    {
        var container = For(force);
        await container.EnsureExistsAsync();
        var prefix = $"{force.Value}/{SegmentPrefix}";
        return await container.Retry.ExecuteAsync(async ct =>
        {
            var numbers = new List<long>();
            await foreach (var blob in container.Client.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct))
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
        return await For(force).Retry.ExecuteAsync(async ct =>
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
    public Task CreateSegmentAsync(ForceId force, long segment) =>
        For(force).CreateNewAsync(SegmentName(force, segment),
            () => $"Audit segment {SegmentName(force, segment)} already exists: another writer is logging for {force}.");

    /// <summary>Appends one record at <paramref name="expectedLength"/>; returns the segment's new length.</summary>
    public Task<long> AppendAsync(ForceId force, long segment, long expectedLength, byte[] record) =>
        For(force).AppendAsync(SegmentName(force, segment), expectedLength, record,
            length => $"Audit segment {SegmentName(force, segment)} is {length} bytes, expected {expectedLength}: another writer touched {force}'s log.");

    /// <summary>The force's head record (<see cref="AuditHeadRecord"/>), or null when there is none.</summary>
    public async Task<byte[]?> ReadHeadAsync(ForceId force)
    {
        var container = For(force);
        await container.EnsureExistsAsync();
        var blob = container.Client.GetBlobClient($"{force.Value}/{HeadBlob}");
        return await container.Retry.ExecuteAsync(async ct =>
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
        var container = For(force);
        var blob = container.Client.GetBlobClient($"{force.Value}/{HeadBlob}");
        await container.Retry.ExecuteAsync(async ct => { await blob.UploadAsync(BinaryData.FromBytes(record), overwrite: true, ct); });
    }

    public async Task DeleteSegmentAsync(ForceId force, long segment)
    {
        var blob = Segment(force, segment);
        await For(force).Retry.ExecuteAsync(async ct => { await blob.DeleteIfExistsAsync(cancellationToken: ct); });
    }

    /// <summary>The blob of a segment, for tools and tests that inspect storage directly.</summary>
    public AppendBlobClient Segment(ForceId force, long segment) => For(force).Log(SegmentName(force, segment));

    private static string SegmentName(ForceId force, long segment) => $"{force.Value}/{SegmentPrefix}{segment:D8}{SegmentSuffix}";
}
