using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Grid.Contracts.Audit;
using Grid.Contracts.Identity;
using Grid.Grains.Audit;

namespace Grid.Grains.Tests.RedTeam;

/// <summary>What an insider with the storage account key does to a force's audit log: reads, rewrites, deletes and
/// restores its blobs directly, with every tool the repository offers (the codec, the old plain SHA-256 chain) but
/// without the silos' secrets.</summary>
public sealed class InsiderStorage(BlobServiceClient blobs)
{
    private readonly BlobContainerClient _audit = blobs.GetBlobContainerClient(new AuditOptions().Container);

    public async Task<List<string>> SegmentNamesAsync(ForceId force)
    {
        var names = new List<string>();
        await foreach (var blob in _audit.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{force.Value}/log-", CancellationToken.None))
            names.Add(blob.Name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public async Task<List<AuditSegment>> SegmentsAsync(ForceId force)
    {
        var segments = new List<AuditSegment>();
        foreach (var name in await SegmentNamesAsync(force))
        {
            var bytes = (await _audit.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
            segments.Add(AuditLogCodec.Decode(long.Parse(name[(name.LastIndexOf('-') + 1)..^4]), bytes));
        }

        return segments;
    }

    /// <summary>The old attack: remove one entry and re-chain everything after it with plain SHA-256, in one segment that
    /// begins with the log's genuine first anchor.</summary>
    public async Task<long> DropAndRechainAsync(ForceId force, Func<AuditEntry, bool> victim)
    {
        var segments = await SegmentsAsync(force);
        var entries = segments.SelectMany(s => s.Entries).ToList();
        var dropped = entries.First(victim);
        var kept = entries.Where(e => e != dropped).ToList();
        var anchor = segments[0].Anchor!;
        var (prevSeq, prevHash) = (anchor.Seq, anchor.Hash);
        var rewritten = new List<byte[]> { AuditLogCodec.Encode(anchor) };
        foreach (var e in kept)
        {
            var moved = e.Seq < dropped.Seq ? e : e with { Seq = prevSeq + 1, PrevHash = prevHash };
            moved = e.Seq < dropped.Seq ? moved : moved with { Hash = AuditChain.LegacyHash(moved) };
            rewritten.Add(AuditLogCodec.Encode(moved));
            (prevSeq, prevHash) = (moved.Seq, moved.Hash);
        }

        foreach (var name in await SegmentNamesAsync(force)) await _audit.DeleteBlobAsync(name);
        await WriteAppendBlobAsync($"{force.Value}/log-{0:D8}.bin", [.. rewritten.SelectMany(b => b)]);
        return dropped.Seq;
    }

    public Task DeleteAsync(string name) => _audit.DeleteBlobAsync(name);

    /// <summary>Every blob of the force's log, by name: what a backup holds.</summary>
    public async Task<Dictionary<string, byte[]>> SnapshotAsync(ForceId force)
    {
        var copy = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var blob in _audit.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{force.Value}/", CancellationToken.None))
            copy[blob.Name] = (await _audit.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
        return copy;
    }

    /// <summary>A consistent rollback: the force's whole log (segments and head record) put back as it was.</summary>
    public async Task RestoreAsync(ForceId force, Dictionary<string, byte[]> snapshot)
    {
        await foreach (var blob in _audit.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"{force.Value}/", CancellationToken.None))
            await _audit.DeleteBlobAsync(blob.Name);
        foreach (var (name, bytes) in snapshot)
        {
            if (name.Contains("/log-", StringComparison.Ordinal)) await WriteAppendBlobAsync(name, bytes);
            else await _audit.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        }
    }

    private async Task WriteAppendBlobAsync(string name, byte[] bytes)
    {
        var blob = _audit.GetAppendBlobClient(name);
        await blob.CreateAsync(new AppendBlobCreateOptions());
        using var content = new MemoryStream(bytes);
        await blob.AppendBlockAsync(content);
    }
}
